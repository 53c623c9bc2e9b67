import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Actor } from '@rapport/events';
import { appendEvent, buildEvent } from '../event/event.item';
import { derivedId, newId } from '../ids';
import { type TransactionStep, transact } from '../table/transact';
import {
  defaultPipelineInput,
  type Pipeline,
  type PipelineCreate,
} from './pipeline.schema';
import {
  newStageTotalsStep,
  pipelineItem,
  readPipeline,
} from './pipeline.store';

/** A new pipeline, as it will be stored, from validated input. */
export const newPipeline = (
  input: PipelineCreate,
  at: Date,
  options: { id?: string; isDefault?: boolean } = {},
): Pipeline => ({
  id: options.id ?? newId('pl', at.getTime()),
  name: input.name,
  stages: input.stages.map((stage) => ({
    id: newId('stg', at.getTime()),
    name: stage.name,
    probability: stage.probability,
    stalledAfterDays: stage.stalledAfterDays ?? null,
  })),
  isDefault: options.isDefault ?? false,
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
  version: 1,
});

/**
 * The steps that store a new pipeline, its stages' zeroed totals and its
 * `pipeline.created` on its own timeline.
 */
export const pipelineCreateSteps = (
  workspaceId: string,
  pipeline: Pipeline,
  actor: Actor,
): TransactionStep[] => [
  {
    write: {
      Put: {
        TableName: '',
        Item: pipelineItem(workspaceId, pipeline),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  },
  ...pipeline.stages.map((stage) =>
    newStageTotalsStep(workspaceId, pipeline.id, stage.id),
  ),
  appendEvent(
    buildEvent({
      type: 'pipeline.created',
      workspaceId,
      subject: { type: 'pipeline', id: pipeline.id },
      actor,
      data: { pipeline },
      at: new Date(pipeline.createdAt),
    }),
  ),
];

/** The default pipeline's id is derived, so that it can be made only once. */
export const defaultPipelineId = (workspaceId: string) =>
  derivedId('pl', workspaceId, 'default');

/** The steps that give a new workspace its default sales pipeline. */
export const defaultPipelineSteps = (workspaceId: string, at: Date) =>
  pipelineCreateSteps(
    workspaceId,
    newPipeline(defaultPipelineInput, at, {
      id: defaultPipelineId(workspaceId),
      isDefault: true,
    }),
    { type: 'system' },
  );

/**
 * The workspace's default pipeline. A workspace made before pipelines
 * existed gets it on first use; of two racing first uses, one makes it and
 * both answer it.
 */
export const ensureDefaultPipeline = async (
  workspaceId: string,
): Promise<Pipeline> => {
  const id = defaultPipelineId(workspaceId);
  const existing = await readPipeline(workspaceId, id);
  if (existing) return existing;

  try {
    await transact(defaultPipelineSteps(workspaceId, new Date()));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
  }

  return (await readPipeline(workspaceId, id)) as Pipeline;
};
