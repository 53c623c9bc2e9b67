import {
  applyPatch,
  type Contact,
  formatPath,
  laterStage,
  normalizeEmail,
  normalizeTags,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';

const contact: Contact = {
  id: 'ct_1',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: null,
  phone: null,
  company: null,
  tags: ['webinar'],
  lifecycleStage: 'lead',
  source: 'api',
  latestSource: 'api',
  customFields: { plan: 'pro', seats: 3 },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
  score: 0,
};

describe('contact rules', () => {
  it.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ÉLODIE@exemple.fr', 'élodie@exemple.fr'],
  ])('normalizes %s to %s', (email, normalized) => {
    expect(normalizeEmail(email)).toBe(normalized);
  });

  it('drops repeated tags without regard to case, keeping the first spelling', () => {
    expect(normalizeTags(['VIP', 'webinar', 'vip', 'Café', 'CAFÉ'])).toEqual([
      'VIP',
      'webinar',
      'Café',
    ]);
  });

  it.each([
    ['lead', 'customer', 'customer'],
    ['customer', 'lead', 'customer'],
    ['other', 'lead', 'lead'],
    ['lead', 'other', 'lead'],
  ] as const)(
    'keeps the later of %s and %s: %s',
    (current, proposed, expected) => {
      expect(laterStage(current, proposed)).toBe(expected);
    },
  );

  it('reports only the fields a patch changes', () => {
    const { next, changes } = applyPatch(contact, {
      company: 'Acme',
      firstName: 'Ada',
      customFields: { seats: null, region: 'eu' },
    });

    expect(next.customFields).toEqual({ plan: 'pro', region: 'eu' });
    expect(changes).toEqual({
      company: { from: null, to: 'Acme' },
      customFields: {
        from: { plan: 'pro', seats: 3 },
        to: { plan: 'pro', region: 'eu' },
      },
    });
  });

  it.each([
    [['steps', 0, 'subject'], 'steps[0].subject'],
    [['query', 'limit'], 'query.limit'],
    [[], ''],
  ] as const)('writes the path %j as %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
