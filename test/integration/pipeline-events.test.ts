import {
  createDeal,
  createPipeline,
  createWorkspace,
  type DomainError,
  defaultPipelineId,
  ensureDefaultPipeline,
  type Pipeline,
  type PipelineUpdate,
  readBoard,
  readRecordTimeline,
  updatePipeline,
} from '@rapport/core';
import type { DomainEvent, PipelineChanges } from '@rapport/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestTable } from '../support/aws';

const actor = { type: 'api_key' } as const;
let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

const timelineOf = async (pipelineId: string) =>
  (
    await readRecordTimeline(
      workspaceId,
      { type: 'pipeline', id: pipelineId },
      100,
    )
  ).items;

const threeStages = () =>
  createPipeline(workspaceId, {
    name: 'Enterprise',
    stages: [
      { name: 'Lead', probability: 10, stalledAfterDays: 14 },
      { name: 'Proposal', probability: 50 },
      { name: 'Negotiation', probability: 80 },
    ],
  });

const noChanges: PipelineChanges = {
  name: null,
  stagesAdded: [],
  stagesRemoved: [],
  stagesRenamed: [],
  stagesReordered: null,
  probabilityChanged: [],
  stalledAfterDaysChanged: [],
};

/** The stage list as a PATCH sends it, every stage kept as it is. */
const asInput = (pipeline: Pipeline) =>
  pipeline.stages.map(({ id, name, probability, stalledAfterDays }) => ({
    id,
    name,
    probability,
    stalledAfterDays,
  }));

type Case = {
  title: string;
  patch: (p: Pipeline) => Omit<PipelineUpdate, 'version'>;
  changes: (p: Pipeline, after: Pipeline) => Partial<PipelineChanges>;
};

const ids = (p: Pipeline) => p.stages.map((stage) => stage.id);

const cases: Case[] = [
  {
    title: 'a renamed pipeline',
    patch: () => ({ name: 'Enterprise EMEA' }),
    changes: () => ({ name: { from: 'Enterprise', to: 'Enterprise EMEA' } }),
  },
  {
    title: 'an added stage with its place',
    patch: (p) => {
      const stages = asInput(p);

      return {
        stages: [
          stages[0],
          { name: 'Demo', probability: 30 },
          ...stages.slice(1),
        ] as NonNullable<PipelineUpdate['stages']>,
      };
    },
    changes: (_p, after) => ({
      stagesAdded: [
        {
          id: after.stages[1]?.id as string,
          name: 'Demo',
          probability: 30,
          stalledAfterDays: null,
          position: 1,
        },
      ],
    }),
  },
  {
    title: 'an empty stage deleted',
    patch: (p) => ({ stages: asInput(p).slice(0, 2) }),
    changes: (p) => ({
      stagesRemoved: [
        {
          stageId: ids(p)[2] as string,
          name: 'Negotiation',
          dealsMovedTo: null,
        },
      ],
    }),
  },
  {
    title: 'a renamed stage',
    patch: (p) => ({
      stages: asInput(p).map((s, i) =>
        i === 1 ? { ...s, name: 'Proposal sent' } : s,
      ),
    }),
    changes: (p) => ({
      stagesRenamed: [
        { stageId: ids(p)[1] as string, from: 'Proposal', to: 'Proposal sent' },
      ],
    }),
  },
  {
    title: 'reordered stages',
    patch: (p) => ({ stages: asInput(p).reverse() }),
    changes: (p) => ({
      stagesReordered: { from: ids(p), to: [...ids(p)].reverse() },
    }),
  },
  {
    title: 'a new win probability',
    patch: (p) => ({
      stages: asInput(p).map((s, i) =>
        i === 2 ? { ...s, probability: 90 } : s,
      ),
    }),
    changes: (p) => ({
      probabilityChanged: [{ stageId: ids(p)[2] as string, from: 80, to: 90 }],
    }),
  },
  {
    title: 'a stall limit changed and one cleared',
    patch: (p) => ({
      stages: asInput(p).map((s, i) =>
        i === 0
          ? { ...s, stalledAfterDays: null }
          : i === 1
            ? { ...s, stalledAfterDays: 5 }
            : s,
      ),
    }),
    changes: (p) => ({
      stalledAfterDaysChanged: [
        { stageId: ids(p)[0] as string, from: 14, to: null },
        { stageId: ids(p)[1] as string, from: null, to: 5 },
      ],
    }),
  },
];

describe('pipeline events on DynamoDB Local', () => {
  it('writes pipeline.created with the pipeline and its stages', async () => {
    const pipeline = await threeStages();

    const timeline = await timelineOf(pipeline.id);

    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      type: 'pipeline.created',
      subject: { type: 'pipeline', id: pipeline.id },
      actor,
      at: pipeline.createdAt,
      data: { pipeline },
    });
  });

  it('writes pipeline.created for a new workspace’s default pipeline', async () => {
    const { workspace } = await createWorkspace('Events');

    const page = await readRecordTimeline(
      workspace.id,
      { type: 'pipeline', id: defaultPipelineId(workspace.id) },
      10,
    );

    expect(page.items.map((e) => [e.type, e.actor.type])).toEqual([
      ['pipeline.created', 'system'],
    ]);
  });

  it('writes pipeline.created once when racing first uses make the default', async () => {
    const olderWorkspace = `ws_older_${Date.now()}`;

    await Promise.all(
      Array.from({ length: 4 }, () => ensureDefaultPipeline(olderWorkspace)),
    );

    const page = await readRecordTimeline(
      olderWorkspace,
      { type: 'pipeline', id: defaultPipelineId(olderWorkspace) },
      10,
    );
    expect(page.items.map((e) => e.type)).toEqual(['pipeline.created']);
  });

  it.each(cases)('writes one pipeline.updated for $title', async (c) => {
    const pipeline = await threeStages();

    const after = await updatePipeline(
      workspaceId,
      pipeline.id,
      c.patch(pipeline),
      pipeline.version,
      { actor },
    );

    const timeline = await timelineOf(pipeline.id);
    expect(timeline.map((e) => e.type)).toEqual([
      'pipeline.updated',
      'pipeline.created',
    ]);
    expect(timeline[0]?.data).toEqual({
      changes: { ...noChanges, ...c.changes(pipeline, after) },
      version: 2,
    });
  });

  it('says where a deleted stage’s deals went', async () => {
    const pipeline = await threeStages();
    const [lead, proposal] = ids(pipeline) as [string, string];
    await createDeal(
      workspaceId,
      { title: 'Moved', pipelineId: pipeline.id, stageId: proposal },
      { actor },
    );

    await updatePipeline(
      workspaceId,
      pipeline.id,
      {
        stages: asInput(pipeline).filter((s) => s.id !== proposal),
        moveDealsTo: { [proposal]: lead },
      },
      pipeline.version,
      { actor },
    );

    const [updated] = await timelineOf(pipeline.id);
    expect(updated?.type).toBe('pipeline.updated');
    expect(
      (updated as DomainEvent<'pipeline.updated'>).data.changes.stagesRemoved,
    ).toEqual([{ stageId: proposal, name: 'Proposal', dealsMovedTo: lead }]);
    const board = await readBoard(workspaceId, pipeline.id, { limit: 10 });
    expect(board.stages[0]?.count).toBe(1);
  });

  it('writes nothing when the change is refused or changes nothing', async () => {
    const pipeline = await threeStages();
    const proposal = ids(pipeline)[1] as string;
    await createDeal(
      workspaceId,
      { title: 'Stays', pipelineId: pipeline.id, stageId: proposal },
      { actor },
    );
    const attempt = (
      patch: Omit<PipelineUpdate, 'version'>,
      version = pipeline.version,
    ) =>
      updatePipeline(workspaceId, pipeline.id, patch, version, {
        actor,
      }).then(
        () => null,
        (error: DomainError) => error.code,
      );

    const outcomes = [
      await attempt({
        stages: asInput(pipeline).filter((s) => s.id !== proposal),
      }),
      await attempt({ name: 'Other' }, pipeline.version + 1),
      await attempt({ stages: asInput(pipeline) }),
    ];

    expect(outcomes).toEqual([
      'pipeline.stage_not_empty',
      'pipeline.version_conflict',
      null,
    ]);
    expect((await timelineOf(pipeline.id)).map((e) => e.type)).toEqual([
      'pipeline.created',
    ]);
  });

  it('pages a pipeline timeline newest first and 404s an unknown one', async () => {
    const pipeline = await threeStages();
    let current = pipeline;
    for (const name of ['Two', 'Three']) {
      current = await updatePipeline(
        workspaceId,
        pipeline.id,
        { name },
        current.version,
        { actor },
      );
    }

    const first = await readRecordTimeline(
      workspaceId,
      { type: 'pipeline', id: pipeline.id },
      2,
    );
    const second = await readRecordTimeline(
      workspaceId,
      { type: 'pipeline', id: pipeline.id },
      2,
      first.nextCursor as string,
    );

    expect(
      [...first.items, ...second.items].map((e) =>
        e.type === 'pipeline.updated' ? e.data.version : e.type,
      ),
    ).toEqual([3, 2, 'pipeline.created']);
    expect(second.nextCursor).toBeNull();
    await expect(
      readRecordTimeline(workspaceId, { type: 'pipeline', id: 'pl_nope' }, 5),
    ).rejects.toMatchObject({ status: 404 });
  });
});
