import type { DomainEvent } from './catalog';
import { sampleBase as base, sampleContact as contact } from './samples.shared';

export const contactSamples: {
  [K in
    | 'contact.created'
    | 'contact.updated'
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
  'contact.deleted': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000003',
    type: 'contact.deleted',
    at: '2026-12-02T08:00:00.000Z',
    actor: { type: 'api_key' },
    data: { email: 'ada@example.com', version: 2 },
  },
};
