import type { DomainEvent } from './catalog';
import { sampleBase } from './samples.shared';

const subject = {
  type: 'pipeline',
  id: 'pl_01JDQ7ZZ000000000000000000',
} as const;
const base = { workspaceId: sampleBase.workspaceId, subject } as const;
const stage = (n: number) => `stg_01JDQ7ZZ00000000000000000${n}`;

export const pipelineSamples: {
  [K in 'pipeline.created' | 'pipeline.updated']: DomainEvent<K>;
} = {
  'pipeline.created': {
    ...base,
    id: 'evt_01JDQ7ZZ000000000000000001',
    type: 'pipeline.created',
    at: '2026-12-01T09:59:00.000Z',
    actor: { type: 'api_key' },
    data: {
      pipeline: {
        id: subject.id,
        name: 'Enterprise',
        stages: [
          {
            id: stage(1),
            name: 'Discovery',
            probability: 10,
            stalledAfterDays: 14,
          },
          {
            id: stage(2),
            name: 'Qualified',
            probability: 30,
            stalledAfterDays: 14,
          },
          {
            id: stage(3),
            name: 'Proposal',
            probability: 60,
            stalledAfterDays: 10,
          },
        ],
        isDefault: false,
        createdAt: '2026-12-01T09:59:00.000Z',
        updatedAt: '2026-12-01T09:59:00.000Z',
        version: 1,
      },
    },
  },
  'pipeline.updated': {
    ...base,
    id: 'evt_01JDQ9A0000000000000000001',
    type: 'pipeline.updated',
    at: '2026-12-02T08:15:00.000Z',
    actor: { type: 'api_key' },
    data: {
      changes: {
        name: null,
        stagesAdded: [
          {
            id: stage(4),
            name: 'Negotiation',
            probability: 80,
            stalledAfterDays: 7,
            position: 2,
          },
        ],
        stagesRemoved: [
          { stageId: stage(1), name: 'Discovery', dealsMovedTo: stage(2) },
        ],
        stagesRenamed: [
          { stageId: stage(3), from: 'Proposal', to: 'Proposal sent' },
        ],
        stagesReordered: {
          from: [stage(1), stage(2), stage(3)],
          to: [stage(3), stage(2), stage(4)],
        },
        probabilityChanged: [{ stageId: stage(2), from: 30, to: 25 }],
        stalledAfterDaysChanged: [{ stageId: stage(3), from: 10, to: null }],
      },
      version: 2,
    },
  },
};
