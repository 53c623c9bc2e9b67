import { dealStatusSchema } from '@rapport/events';
import * as z from 'zod/mini';
import { text } from '../contact/contact.schema';
import { moneyInputSchema } from '../money/money';

export {
  type Deal,
  type DealStatus,
  dealSchema,
  dealStatusSchema,
  type Money,
} from '@rapport/events';

/** Limits a client can rely on; docs/api.md repeats them. */
export const dealLimits = {
  titleLength: 200,
  /** Linked contacts, the primary one included; keeps a move in one transaction. */
  contacts: 10,
  idLength: 64,
  lostReasonLength: 500,
} as const;

const id = z.string().check(z.minLength(1), z.maxLength(dealLimits.idLength));

/** `{ value, currency }`: an integer of minor units (cents, yen, fils). */
const editable = {
  amount: z.optional(z.nullable(moneyInputSchema)),
  ownerId: z.optional(z.nullable(id)),
  primaryContactId: z.optional(z.nullable(id)),
  contactIds: z.optional(z.array(id).check(z.maxLength(dealLimits.contacts))),
  expectedCloseDate: z.optional(z.nullable(z.iso.date())),
  lostReason: z.optional(z.nullable(text(dealLimits.lostReasonLength))),
};

/**
 * `POST /v1/deals`. Without a pipeline the deal goes to the workspace's
 * default one; without a stage, to the pipeline's first stage.
 */
export const dealCreateSchema = z.strictObject({
  title: text(dealLimits.titleLength),
  pipelineId: z.optional(id),
  stageId: z.optional(id),
  status: z.optional(dealStatusSchema),
  ...editable,
});

/**
 * `PATCH /v1/deals/{id}`. A new `stageId` moves the deal; a new `status`
 * wins, loses or reopens it; `null` clears a field.
 */
export const dealUpdateSchema = z.strictObject({
  title: z.optional(text(dealLimits.titleLength)),
  pipelineId: z.optional(id),
  stageId: z.optional(id),
  status: z.optional(dealStatusSchema),
  ...editable,
  version: z.optional(z.int().check(z.positive())),
});

/** `GET /v1/deals` filters. */
export const dealFilterSchema = {
  pipelineId: z.optional(id),
  stageId: z.optional(id),
  ownerId: z.optional(id),
  contactId: z.optional(id),
  status: z.optional(dealStatusSchema),
};

export type DealCreate = z.infer<typeof dealCreateSchema>;
export type DealUpdate = z.infer<typeof dealUpdateSchema>;
export interface DealFilter {
  pipelineId?: string;
  stageId?: string;
  ownerId?: string;
  contactId?: string;
  status?: 'open' | 'won' | 'lost';
}
