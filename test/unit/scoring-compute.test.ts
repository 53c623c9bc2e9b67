import { type Contact, computeScore, type ScoringRule } from '@rapport/core';
import { describe, expect, it } from 'vitest';

const contact: Contact = {
  id: 'ct_1',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: null,
  phone: null,
  company: null,
  tags: ['VIP', 'webinar'],
  lifecycleStage: 'lead',
  source: 'api',
  latestSource: 'api',
  customFields: { plan: 'Pro', interests: ['crm', 'email'] },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
  score: 0,
};
const now = new Date('2026-12-10T12:00:00.000Z');
const daysAgo = (days: number) =>
  new Date(now.getTime() - days * 86_400_000).toISOString();
const calls = new Map([['call', [daysAgo(1), daysAgo(10), daysAgo(40)]]]);

const cases: [string, ScoringRule[], number, string | null][] = [
  ['no rules', [], 0, null],
  [
    'a tag in another case',
    [{ id: 'r', kind: 'tag', tag: 'vip', points: 10 }],
    10,
    null,
  ],
  [
    'a tag not carried',
    [{ id: 'r', kind: 'tag', tag: 'spam', points: -5 }],
    0,
    null,
  ],
  [
    'a stage',
    [{ id: 'r', kind: 'lifecycle_stage', stage: 'lead', points: 3 }],
    3,
    null,
  ],
  [
    'another stage',
    [{ id: 'r', kind: 'lifecycle_stage', stage: 'customer', points: 3 }],
    0,
    null,
  ],
  [
    'a field equal without case',
    [
      {
        id: 'r',
        kind: 'field',
        key: 'plan',
        op: 'eq',
        value: 'pro',
        points: 7,
      },
    ],
    7,
    null,
  ],
  [
    'a multi-select option',
    [
      {
        id: 'r',
        kind: 'field',
        key: 'interests',
        op: 'eq',
        value: 'email',
        points: 2,
      },
    ],
    2,
    null,
  ],
  [
    'a field that exists',
    [{ id: 'r', kind: 'field', key: 'plan', op: 'exists', points: 1 }],
    1,
    null,
  ],
  [
    'a field that does not',
    [{ id: 'r', kind: 'field', key: 'seats', op: 'exists', points: 1 }],
    0,
    null,
  ],
  [
    'calls in 30 days, expiring with the oldest counted',
    [
      {
        id: 'r',
        kind: 'activity',
        activityType: 'call',
        withinDays: 30,
        points: 10,
      },
    ],
    20,
    new Date(Date.parse(daysAgo(10)) + 30 * 86_400_000).toISOString(),
  ],
  [
    'calls with a cap',
    [
      {
        id: 'r',
        kind: 'activity',
        activityType: 'call',
        withinDays: 60,
        points: 10,
        cap: 25,
      },
    ],
    25,
    new Date(Date.parse(daysAgo(40)) + 60 * 86_400_000).toISOString(),
  ],
  [
    'negative points with a cap',
    [
      {
        id: 'r',
        kind: 'activity',
        activityType: 'call',
        withinDays: 60,
        points: -10,
        cap: 15,
      },
    ],
    -15,
    new Date(Date.parse(daysAgo(40)) + 60 * 86_400_000).toISOString(),
  ],
  [
    'meetings never held',
    [
      {
        id: 'r',
        kind: 'activity',
        activityType: 'meeting',
        withinDays: 30,
        points: 5,
      },
    ],
    0,
    null,
  ],
];

describe('computeScore', () => {
  it.each(cases)('%s', (_name, rules, score, expiresAt) => {
    const result = computeScore(contact, rules, calls, now);
    expect(result.score).toBe(score);
    expect(result.expiresAt).toBe(expiresAt);
    expect(result.reasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(
      score,
    );
  });
});
