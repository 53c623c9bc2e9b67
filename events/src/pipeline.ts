import * as z from 'zod/mini';

/** A stage of a pipeline, in the pipeline's order. */
export const stageSchema = z.object({
  id: z.string(),
  name: z.string(),
  probability: z.int().check(z.minimum(0), z.maximum(100)),
  stalledAfterDays: z.nullable(z.int().check(z.positive())),
});

/** A pipeline as the API answers it and as events carry it. */
export const pipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  stages: z.array(stageSchema),
  isDefault: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.positive()),
});

export type Stage = z.infer<typeof stageSchema>;
export type Pipeline = z.infer<typeof pipelineSchema>;
