import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { systemClock } from '../clock';
import { tableName } from '../config';
import {
  applyDealChange,
  type DealContext,
  getDeal,
} from '../deal/deal.service';
import { allDealsInStage, stallDueAt } from '../deal/deal.store';
import { DomainError } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import { newId } from '../ids';
import type { Page } from '../table/cursor';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import { transactRetrying } from '../table/transact';
import {
  ensureDefaultPipeline,
  newPipeline,
  pipelineCreateSteps,
} from './default-pipeline';
import { pipelineChanges } from './pipeline.changes';
import type {
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  Stage,
} from './pipeline.schema';
import {
  getPipeline,
  newStageTotalsStep,
  pipelineItem,
  queryPipelines,
  readPipelineWithTotals,
} from './pipeline.store';

export const createPipeline = async (
  workspaceId: string,
  input: PipelineCreate,
  context: DealContext = { actor: { type: 'api_key' } },
): Promise<Pipeline> => {
  const pipeline = newPipeline(input, (context.clock ?? systemClock)());

  await transactRetrying(
    pipelineCreateSteps(workspaceId, pipeline, context.actor),
  );

  return pipeline;
};

/** The workspace's pipelines; the first read makes the default one if missing. */
export const listPipelines = async (
  workspaceId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Pipeline>> => {
  if (!cursor) await ensureDefaultPipeline(workspaceId);

  return queryPipelines(workspaceId, limit, cursor);
};

const versionConflict = (current: number) =>
  new DomainError(
    412,
    'pipeline.version_conflict',
    'The pipeline changed since this version was read; read it again and retry.',
    [{ path: 'version', message: `Current version is ${current}` }],
    { currentVersion: current },
  );

const invalid = (path: string, message: string) =>
  new DomainError(
    400,
    'request.validation_failed',
    'The request has invalid fields.',
    [{ path, message }],
  );

/** The new stage list: kept stages keep their ids, new ones get one. */
const nextStages = (
  current: Pipeline,
  input: NonNullable<PipelineUpdate['stages']>,
  at: Date,
): Stage[] => {
  const known = new Map(current.stages.map((stage) => [stage.id, stage]));

  return input.map((stage, index) => {
    if (stage.id && !known.has(stage.id)) {
      throw invalid(
        `stages[${index}].id`,
        `The pipeline has no stage ${stage.id}`,
      );
    }
    const id = stage.id ?? newId('stg', at.getTime());

    return {
      id,
      name: stage.name,
      probability: stage.probability,
      stalledAfterDays:
        stage.stalledAfterDays === undefined
          ? (known.get(id)?.stalledAfterDays ?? null)
          : stage.stalledAfterDays,
    };
  });
};

const setClosing = (
  workspaceId: string,
  pipelineId: string,
  stageId: string,
  closing: boolean,
) =>
  dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.stageTotals(workspaceId, pipelineId, stageId),
      UpdateExpression: closing ? 'SET closing = :yes' : 'REMOVE closing',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: closing ? { ':yes': true } : undefined,
    }),
  );

/**
 * Moves every deal of a deleted stage, open or closed, each in its own
 * transaction with its `deal.stage_changed`. A deal changed meanwhile is
 * read again and moved from where it now is.
 */
const moveDealsOut = async (
  workspaceId: string,
  stageId: string,
  targetStageId: string,
  context: DealContext,
) => {
  for (const open of [true, false]) {
    for (const deal of await allDealsInStage(workspaceId, stageId, open)) {
      let current = deal;
      for (let attempt = 1; ; attempt += 1) {
        if (current.stageId !== stageId) break;
        try {
          await applyDealChange(
            workspaceId,
            current,
            { stageId: targetStageId },
            context,
            { moveClosed: true },
          );
          break;
        } catch (error) {
          const conflict =
            error instanceof DomainError &&
            error.code === 'deal.version_conflict';
          if (!conflict || attempt >= 5) throw error;
          current = await getDeal(workspaceId, deal.id);
        }
      }
    }
  }
};

/**
 * Re-files a stage's open deals under their new stall dates after the
 * stage's limit changed. A stall already reported for the current visit
 * stands.
 */
const refileStallDates = async (workspaceId: string, stage: Stage) => {
  for (const deal of await allDealsInStage(workspaceId, stage.id, true)) {
    if (deal.stalledAt) continue;
    const dueAt = stallDueAt(deal, stage);
    const index = dueAt
      ? keys.stallDue(workspaceId, dueAt, deal.id)
      : undefined;
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.deal(workspaceId, deal.id),
          UpdateExpression: index
            ? 'SET gsi2pk = :pk, gsi2sk = :sk'
            : 'REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: {
            ':seen': deal.version,
            ...(index ? { ':pk': index.gsi2pk, ':sk': index.gsi2sk } : {}),
          },
        }),
      )
      .catch((error: Error) => {
        // A deal changed meanwhile was re-filed by that change.
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
};

/**
 * Renames the pipeline and adds, renames, reorders, re-weighs or deletes
 * stages. A deleted stage that holds deals is refused unless `moveDealsTo`
 * names a kept stage for them; they are moved first, and the stage is
 * closed to new deals meanwhile, so that nothing is orphaned.
 */
export const updatePipeline = async (
  workspaceId: string,
  pipelineId: string,
  patch: Omit<PipelineUpdate, 'version'>,
  seenVersion: number,
  context: DealContext,
): Promise<Pipeline> => {
  const at = (context.clock ?? systemClock)();
  const { pipeline: current, totals } = await readPipelineWithTotals(
    workspaceId,
    pipelineId,
  );
  if (current.version !== seenVersion) throw versionConflict(current.version);

  const stages = patch.stages
    ? nextStages(current, patch.stages, at)
    : current.stages;
  const kept = new Set(
    stages
      .filter((s) => current.stages.some((c) => c.id === s.id))
      .map((s) => s.id),
  );
  const removed = current.stages.filter(
    (s) => !stages.some((n) => n.id === s.id),
  );
  const added = stages.filter(
    (s) => !current.stages.some((c) => c.id === s.id),
  );
  const moveDealsTo = patch.moveDealsTo ?? {};
  for (const [from, to] of Object.entries(moveDealsTo)) {
    if (!removed.some((stage) => stage.id === from)) {
      throw invalid(`moveDealsTo.${from}`, 'Not a stage this request deletes');
    }
    if (!kept.has(to)) {
      throw invalid(`moveDealsTo.${from}`, 'Name a stage the pipeline keeps');
    }
  }
  const holding = removed.filter((stage) => {
    const figures = totals.get(stage.id);

    return (figures?.openCount ?? 0) + (figures?.closedCount ?? 0) > 0;
  });
  const unplaced = holding.filter((stage) => !moveDealsTo[stage.id]);
  if (unplaced.length > 0) {
    throw new DomainError(
      409,
      'pipeline.stage_not_empty',
      'A stage that holds deals can be deleted only with somewhere to move them.',
      unplaced.map((stage) => ({
        path: `moveDealsTo.${stage.id}`,
        message: `Stage "${stage.name}" holds deals; name a kept stage for them`,
      })),
    );
  }

  const next: Pipeline = {
    ...current,
    name: patch.name ?? current.name,
    stages,
    updatedAt: at.toISOString(),
    version: current.version + 1,
  };
  if (
    JSON.stringify([current.name, current.stages]) ===
    JSON.stringify([next.name, next.stages])
  ) {
    return current;
  }

  const closing = removed.filter((stage) => moveDealsTo[stage.id]);
  let committed = false;
  try {
    for (const stage of closing) {
      await setClosing(workspaceId, pipelineId, stage.id, true);
      await moveDealsOut(
        workspaceId,
        stage.id,
        moveDealsTo[stage.id] as string,
        context,
      );
    }
    const event = buildEvent({
      type: 'pipeline.updated',
      workspaceId,
      subject: { type: 'pipeline', id: pipelineId },
      actor: context.actor,
      data: {
        changes: pipelineChanges(current, next, moveDealsTo),
        version: next.version,
      },
      at,
    });
    await transactRetrying([
      ...finalSteps(workspaceId, current, next, removed, added),
      appendEvent(event),
    ]);
    committed = true;
  } finally {
    if (!committed) {
      for (const stage of closing) {
        await setClosing(workspaceId, pipelineId, stage.id, false);
      }
    }
  }

  for (const stage of stages) {
    const before = current.stages.find((s) => s.id === stage.id);
    if (before && before.stalledAfterDays !== stage.stalledAfterDays) {
      await refileStallDates(workspaceId, stage);
    }
  }

  return next;
};

const finalSteps = (
  workspaceId: string,
  current: Pipeline,
  next: Pipeline,
  removed: Stage[],
  added: Stage[],
): TransactionStep[] => [
  {
    write: {
      Put: {
        TableName: '',
        Item: pipelineItem(workspaceId, next),
        ConditionExpression: 'version = :seen',
        ExpressionAttributeValues: { ':seen': current.version },
      },
    },
    onConditionFailed: (existing) =>
      versionConflict(Number(existing?.version ?? current.version)),
  },
  ...removed.map(
    (stage): TransactionStep => ({
      write: {
        Delete: {
          TableName: '',
          Key: keys.stageTotals(workspaceId, current.id, stage.id),
          ConditionExpression:
            'attribute_not_exists(pk) OR (openCount = :zero AND closedCount = :zero)',
          ExpressionAttributeValues: { ':zero': 0 },
        },
      },
      onConditionFailed: () =>
        new DomainError(
          409,
          'pipeline.stage_not_empty',
          'A deal arrived in a stage being deleted; send the request again.',
          [
            {
              path: `moveDealsTo.${stage.id}`,
              message: 'The stage holds deals',
            },
          ],
        ),
    }),
  ),
  ...added.map((stage) =>
    newStageTotalsStep(workspaceId, current.id, stage.id),
  ),
];

export { getPipeline };
