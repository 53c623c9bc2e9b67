import * as z from 'zod/mini';
import { text } from '../contact/contact.schema';

export {
  type Pipeline,
  pipelineSchema,
  type Stage,
  stageSchema,
} from '@rapport/events';

export const pipelineLimits = { nameLength: 100, stages: 30 } as const;

const stageInput = z.strictObject({
  /** Names a stage that exists; a stage without an id is a new stage. */
  id: z.optional(z.string().check(z.minLength(1))),
  name: text(pipelineLimits.nameLength),
  probability: z.int().check(z.minimum(0), z.maximum(100)),
  stalledAfterDays: z.optional(
    z.nullable(z.int().check(z.minimum(1), z.maximum(3650))),
  ),
});

const distinctIds = z.refine<{ id?: string }[]>(
  (stages) => {
    const ids = stages.flatMap((stage) => (stage.id ? [stage.id] : []));

    return new Set(ids).size === ids.length;
  },
  { error: 'A stage id appears twice' },
);

const stagesInput = z
  .array(stageInput)
  .check(z.minLength(1), z.maxLength(pipelineLimits.stages), distinctIds);

/** `POST /v1/pipelines`: a name and its stages in order. */
export const pipelineCreateSchema = z.strictObject({
  name: text(pipelineLimits.nameLength),
  stages: stagesInput,
});

/**
 * `PATCH /v1/pipelines/{id}`. `stages` is the whole new list in order:
 * listed ids are kept (renamed, re-weighted, reordered), entries without an
 * id are added and stages left out are deleted. A deleted stage that holds
 * deals needs `moveDealsTo[<deleted stage id>] = <kept stage id>`.
 */
export const pipelineUpdateSchema = z.strictObject({
  name: z.optional(text(pipelineLimits.nameLength)),
  stages: z.optional(stagesInput),
  moveDealsTo: z.optional(z.record(z.string(), z.string())),
  version: z.optional(z.int().check(z.positive())),
});

export type PipelineCreate = z.infer<typeof pipelineCreateSchema>;
export type PipelineUpdate = z.infer<typeof pipelineUpdateSchema>;

/** The pipeline a new workspace starts with. */
export const defaultPipelineInput: PipelineCreate = {
  name: 'Sales',
  stages: [
    { name: 'Lead in', probability: 10, stalledAfterDays: 14 },
    { name: 'Qualified', probability: 25, stalledAfterDays: 14 },
    { name: 'Proposal sent', probability: 50, stalledAfterDays: 10 },
    { name: 'Negotiation', probability: 80, stalledAfterDays: 7 },
  ],
};
