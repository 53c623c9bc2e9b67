import type { DomainEvent, EventType } from './catalog';

const base = {
  workspaceId: 'ws_01JDQ7Z8M6Y4X0T2N5R3B9C1EA',
  subject: { type: 'contact', id: 'ct_01JDQ80F2V7K3W9YB6X4M1N8PQ' },
} as const;

const contact = {
  id: base.subject.id,
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: null,
  company: 'Analytical Engines',
  tags: ['webinar'],
  lifecycleStage: 'lead',
  source: 'webinar-landing',
  latestSource: 'webinar-landing',
  customFields: { plan: 'pro' },
  createdAt: '2026-12-01T09:30:00.000Z',
  updatedAt: '2026-12-01T09:30:00.000Z',
  version: 1,
} as const;

/** One realistic example of every event, checked against its schema. */
export const eventSamples: { [K in EventType]: DomainEvent<K> } = {
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
  'form.submitted': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000004',
    type: 'form.submitted',
    at: '2026-12-01T09:30:00.000Z',
    actor: { type: 'form', id: 'frm_01JDQ7ZZ0000000000000000AA' },
    data: {
      formId: 'frm_01JDQ7ZZ0000000000000000AA',
      submissionId: 'sub_01JDQ80F2W00000000000000SB',
      sequenceId: 'seq_01JDQ7ZY00000000000000000Q',
      contactCreated: true,
      fields: { email: 'ada@example.com', firstName: 'Ada', plan: 'pro' },
    },
  },
  'sequence.enrolled': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000005',
    type: 'sequence.enrolled',
    at: '2026-12-01T09:30:01.000Z',
    actor: { type: 'system' },
    data: {
      sequenceId: 'seq_01JDQ7ZY00000000000000000Q',
      enrollmentId: 'enr_5d41402abc4b2a76b9719d911017c592',
      triggerEventId: 'evt_01JDQ80F2W0000000000000004',
    },
  },
  'sequence.completed': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000006',
    type: 'sequence.completed',
    at: '2026-12-04T09:30:02.000Z',
    actor: { type: 'sequence', id: 'seq_01JDQ7ZY00000000000000000Q' },
    data: {
      sequenceId: 'seq_01JDQ7ZY00000000000000000Q',
      enrollmentId: 'enr_5d41402abc4b2a76b9719d911017c592',
      reason: 'finished',
    },
  },
  'email.sent': {
    ...base,
    id: 'evt_01JDQ80F2W0000000000000007',
    type: 'email.sent',
    at: '2026-12-01T09:30:02.000Z',
    actor: { type: 'sequence', id: 'seq_01JDQ7ZY00000000000000000Q' },
    data: {
      messageId: '010f0193a1b2c3d4-00000000-0000-0000-0000-000000000000',
      to: 'ada@example.com',
      subject: 'Welcome, Ada',
      sequenceId: 'seq_01JDQ7ZY00000000000000000Q',
      enrollmentId: 'enr_5d41402abc4b2a76b9719d911017c592',
      position: 0,
    },
  },
};
