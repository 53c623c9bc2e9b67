import type { DomainEvent } from './catalog';
import { sampleBase as base, sampleContact as contact } from './samples.shared';

export const contactSamples: {
  [K in
    | 'contact.created'
    | 'contact.updated'
    | 'contact.tag_added'
    | 'contact.tag_removed'
    | 'contact.lifecycle_changed'
    | 'contact.score_changed'
    | 'contact.deleted']: DomainEvent<K>;
} = {
  'contact.created': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000001',
    type: 'contact.created',
    at: '2026-12-01T09:30:00.000Z',
    actor: { type: 'api_key' },
    data: { contact: { ...contact, tags: [...contact.tags] } },
  },
  'contact.updated': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000002',
    type: 'contact.updated',
    at: '2026-12-01T10:00:00.000Z',
    actor: { type: 'api_key' },
    data: { changes: { company: { from: null, to: 'Acme' } }, version: 2 },
  },
  'contact.tag_added': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000004',
    type: 'contact.tag_added',
    at: '2026-12-01T10:05:00.000Z',
    actor: { type: 'api_key' },
    data: { tags: ['Lead Magnet', 'vip'], version: 3 },
  },
  'contact.tag_removed': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000005',
    type: 'contact.tag_removed',
    at: '2026-12-01T10:06:00.000Z',
    actor: { type: 'api_key' },
    data: { tags: ['webinar'], version: 4 },
  },
  'contact.lifecycle_changed': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000006',
    type: 'contact.lifecycle_changed',
    at: '2026-12-01T10:07:00.000Z',
    actor: { type: 'form', id: 'frm_01JDQ7ZZ0000000000000000AA' },
    data: {
      from: 'subscriber',
      to: 'lead',
      backwards: false,
      cause: 'form',
      version: 5,
    },
  },
  'contact.score_changed': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000009',
    type: 'contact.score_changed',
    at: '2026-12-01T11:05:00.000Z',
    actor: { type: 'system' },
    data: {
      from: 10,
      to: 30,
      reasons: [
        {
          ruleId: 'tag-vip',
          kind: 'tag',
          points: 10,
          detail: 'carries tag vip',
        },
        {
          ruleId: 'recent-calls',
          kind: 'activity',
          points: 20,
          detail: '2 call in the last 30 days',
        },
      ],
      cause: 'activity',
      version: 3,
    },
  },
  'contact.deleted': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000003',
    type: 'contact.deleted',
    at: '2026-12-02T08:00:00.000Z',
    actor: { type: 'api_key' },
    data: { email: 'ada@example.com', version: 2 },
  },
};
