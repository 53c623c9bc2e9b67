/** Ids and a contact that every area's samples share. */
export const sampleBase = {
  workspaceId: 'ws_01JDQ7Z8M6Y4X0T2N5R3B9C1EA',
  subject: { type: 'contact', id: 'ct_01JDQ80F2V7K3W9YB6X4M1N8PQ' },
} as const;

export const sampleContact = {
  id: sampleBase.subject.id,
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
  score: 0,
} as const;
