import * as z from 'zod/mini';
import { dealSchema } from './deal';
import { envelopeSchema } from './envelope';

const change = z.object({ from: z.unknown(), to: z.unknown() });
const positiveInt = z.int().check(z.positive());
const place = z.object({ pipelineId: z.string(), stageId: z.string() });

/** Deal events live on the deal's timeline, with copies on its contacts'. */
export const dealEvents = {
  'deal.created': envelopeSchema(
    'deal.created',
    z.object({ deal: dealSchema }),
  ),
  'deal.updated': envelopeSchema(
    'deal.updated',
    z.object({
      changes: z.record(z.string(), change),
      version: positiveInt,
    }),
  ),
  'deal.stage_changed': envelopeSchema(
    'deal.stage_changed',
    z.object({
      from: place,
      to: place,
      /** The visit that just ended, in milliseconds. */
      timeInPreviousStageMs: z.int().check(z.nonnegative()),
      /** Whether the move went to an earlier stage of the same pipeline. */
      backwards: z.boolean(),
      version: positiveInt,
    }),
  ),
  'deal.won': envelopeSchema(
    'deal.won',
    z.object({
      stageId: z.string(),
      amount: z.nullable(dealSchema.shape.amount),
      version: positiveInt,
    }),
  ),
  'deal.lost': envelopeSchema(
    'deal.lost',
    z.object({
      stageId: z.string(),
      lostReason: z.nullable(z.string()),
      version: positiveInt,
    }),
  ),
  'deal.reopened': envelopeSchema(
    'deal.reopened',
    z.object({
      previousStatus: z.enum(['won', 'lost']),
      stageId: z.string(),
      version: positiveInt,
    }),
  ),
  'deal.stalled': envelopeSchema(
    'deal.stalled',
    z.object({
      pipelineId: z.string(),
      stageId: z.string(),
      stageEnteredAt: z.iso.datetime(),
      stalledAfterDays: positiveInt,
    }),
  ),
  'deal.deleted': envelopeSchema(
    'deal.deleted',
    z.object({ title: z.string(), version: positiveInt }),
  ),
};
