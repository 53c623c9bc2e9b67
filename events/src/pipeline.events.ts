import * as z from 'zod/mini';
import { envelopeSchema } from './envelope';
import { pipelineSchema, stageSchema } from './pipeline';

const stageChange = <T extends z.ZodMiniType>(value: T) =>
  z.object({ stageId: z.string(), from: value, to: value });
const stalledAfterDays = stageSchema.shape.stalledAfterDays;

/**
 * What one change did to a pipeline. Every list is empty when that kind of
 * change did not happen, so a consumer reads the fields it cares about.
 */
export const pipelineChangesSchema = z.object({
  name: z.nullable(z.object({ from: z.string(), to: z.string() })),
  /** New stages, with their place (0-based) in the new order. */
  stagesAdded: z.array(
    z.object({
      ...stageSchema.shape,
      position: z.int().check(z.nonnegative()),
    }),
  ),
  /** Deleted stages; `dealsMovedTo` names the kept stage their deals went to. */
  stagesRemoved: z.array(
    z.object({
      stageId: z.string(),
      name: z.string(),
      dealsMovedTo: z.nullable(z.string()),
    }),
  ),
  stagesRenamed: z.array(stageChange(z.string())),
  /** Stage ids in order before and after, when kept stages changed order. */
  stagesReordered: z.nullable(
    z.object({ from: z.array(z.string()), to: z.array(z.string()) }),
  ),
  probabilityChanged: z.array(stageChange(stageSchema.shape.probability)),
  stalledAfterDaysChanged: z.array(stageChange(stalledAfterDays)),
});

export type PipelineChanges = z.infer<typeof pipelineChangesSchema>;

/** Pipeline events live on the pipeline's own timeline. */
export const pipelineEvents = {
  'pipeline.created': envelopeSchema(
    'pipeline.created',
    z.object({ pipeline: pipelineSchema }),
  ),
  'pipeline.updated': envelopeSchema(
    'pipeline.updated',
    z.object({
      changes: pipelineChangesSchema,
      version: z.int().check(z.positive()),
    }),
  ),
};
