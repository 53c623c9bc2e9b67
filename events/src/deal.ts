import * as z from 'zod/mini';
import { moneySchema } from './money';

export const dealStatuses = ['open', 'won', 'lost'] as const;
export const dealStatusSchema = z.enum(dealStatuses);

/** A deal as the API answers it and as events carry it. */
export const dealSchema = z.object({
  id: z.string(),
  title: z.string(),
  pipelineId: z.string(),
  stageId: z.string(),
  amount: z.nullable(moneySchema),
  ownerId: z.nullable(z.string()),
  primaryContactId: z.nullable(z.string()),
  contactIds: z.array(z.string()),
  expectedCloseDate: z.nullable(z.iso.date()),
  status: dealStatusSchema,
  lostReason: z.nullable(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  closedAt: z.nullable(z.iso.datetime()),
  /** When the deal entered its current stage (or was last reopened). */
  stageEnteredAt: z.iso.datetime(),
  /** Milliseconds spent in each stage over every finished visit. */
  timeInStageMs: z.record(z.string(), z.int().check(z.nonnegative())),
  /** When the current visit to the stage was reported stalled, if it was. */
  stalledAt: z.nullable(z.iso.datetime()),
  version: z.int().check(z.positive()),
});

export type Deal = z.infer<typeof dealSchema>;
export type DealStatus = z.infer<typeof dealStatusSchema>;
