import type { DomainEvent } from './catalog';
import { sampleBase } from './samples.shared';

const subject = {
  type: 'deal',
  id: 'deal_01JDQ81A00000000000000000D',
} as const;
const base = { workspaceId: sampleBase.workspaceId, subject } as const;
const pipelineId = 'pl_01JDQ7ZZ000000000000000000';
const stages = {
  qualified: 'stg_01JDQ7ZZ000000000000000002',
  proposal: 'stg_01JDQ7ZZ000000000000000003',
};

export const dealSamples: {
  [K in
    | 'deal.created'
    | 'deal.updated'
    | 'deal.stage_changed'
    | 'deal.won'
    | 'deal.lost'
    | 'deal.reopened'
    | 'deal.stalled'
    | 'deal.deleted']: DomainEvent<K>;
} = {
  'deal.created': {
    ...base,
    id: 'evt_01JDQ81A000000000000000001',
    type: 'deal.created',
    at: '2026-12-01T10:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      deal: {
        id: subject.id,
        title: 'Analytical Engines: 40 seats',
        pipelineId,
        stageId: stages.qualified,
        amount: { value: 15480, currency: 'EUR' },
        ownerId: 'usr_grace',
        primaryContactId: sampleBase.subject.id,
        contactIds: [sampleBase.subject.id],
        expectedCloseDate: '2027-01-31',
        status: 'open',
        lostReason: null,
        createdAt: '2026-12-01T10:00:00.000Z',
        updatedAt: '2026-12-01T10:00:00.000Z',
        closedAt: null,
        stageEnteredAt: '2026-12-01T10:00:00.000Z',
        timeInStageMs: {},
        stalledAt: null,
        version: 1,
      },
    },
  },
  'deal.updated': {
    ...base,
    id: 'evt_01JDQ81A000000000000000002',
    type: 'deal.updated',
    at: '2026-12-02T10:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      changes: {
        amount: {
          from: { value: 15480, currency: 'EUR' },
          to: { value: 19800, currency: 'EUR' },
        },
      },
      version: 2,
    },
  },
  'deal.stage_changed': {
    ...base,
    id: 'evt_01JDQ81A000000000000000003',
    type: 'deal.stage_changed',
    at: '2026-12-03T10:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      from: { pipelineId, stageId: stages.qualified },
      to: { pipelineId, stageId: stages.proposal },
      timeInPreviousStageMs: 172_800_000,
      backwards: false,
      version: 3,
    },
  },
  'deal.won': {
    ...base,
    id: 'evt_01JDQ81A000000000000000004',
    type: 'deal.won',
    at: '2026-12-20T16:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      stageId: stages.proposal,
      amount: { value: 19800, currency: 'EUR' },
      version: 4,
    },
  },
  'deal.lost': {
    ...base,
    id: 'evt_01JDQ81A000000000000000005',
    type: 'deal.lost',
    at: '2026-12-20T16:00:00.000Z',
    actor: { type: 'api_key' },
    data: {
      stageId: stages.proposal,
      lostReason: 'Chose a competitor',
      version: 4,
    },
  },
  'deal.reopened': {
    ...base,
    id: 'evt_01JDQ81A000000000000000006',
    type: 'deal.reopened',
    at: '2027-01-05T09:00:00.000Z',
    actor: { type: 'api_key' },
    data: { previousStatus: 'lost', stageId: stages.proposal, version: 5 },
  },
  'deal.stalled': {
    ...base,
    id: 'evt_01JDQ81A000000000000000007',
    type: 'deal.stalled',
    at: '2026-12-17T06:00:00.000Z',
    actor: { type: 'system' },
    data: {
      pipelineId,
      stageId: stages.proposal,
      stageEnteredAt: '2026-12-03T10:00:00.000Z',
      stalledAfterDays: 14,
    },
  },
  'deal.deleted': {
    ...base,
    id: 'evt_01JDQ81A000000000000000008',
    type: 'deal.deleted',
    at: '2027-02-01T09:00:00.000Z',
    actor: { type: 'api_key' },
    data: { title: 'Analytical Engines: 40 seats', version: 5 },
  },
};
