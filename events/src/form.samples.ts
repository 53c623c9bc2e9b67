import type { DomainEvent } from './catalog';
import { sampleBase as base } from './samples.shared';

export const formSamples: { [K in 'form.submitted']: DomainEvent<K> } = {
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
};
