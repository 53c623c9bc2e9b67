import type { DomainEvent } from './catalog';
import { sampleBase as base } from './samples.shared';

export const sequenceSamples: {
  [K in
    | 'sequence.enrolled'
    | 'sequence.completed'
    | 'email.sent']: DomainEvent<K>;
} = {
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
