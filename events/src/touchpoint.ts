import * as z from 'zod/mini';
import { moneySchema } from './money';

/** Touchpoints a rep logs by hand; emails Rapport sends log themselves. */
export const activityTypes = ['call', 'meeting', 'email', 'note'] as const;

/** How a call ended; only calls carry these. */
export const callOutcomes = [
  'connected',
  'left_voicemail',
  'no_answer',
  'busy',
  'wrong_number',
] as const;

/** How a meeting went; only meetings carry these. */
export const meetingOutcomes = [
  'completed',
  'no_show',
  'rescheduled',
  'cancelled',
] as const;

const version = z.int().check(z.positive());

/** A logged call, meeting, email or note, as the API and events carry it. */
export const activitySchema = z.object({
  id: z.string(),
  type: z.enum(activityTypes),
  occurredAt: z.iso.datetime(),
  contactIds: z.array(z.string()),
  dealId: z.nullable(z.string()),
  ownerId: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  durationMinutes: z.nullable(z.int()),
  outcome: z.nullable(z.enum([...callOutcomes, ...meetingOutcomes])),
  body: z.nullable(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version,
});

/** Something a rep must do by a time, about a contact or a deal. */
export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueAt: z.iso.datetime(),
  ownerId: z.string(),
  contactId: z.nullable(z.string()),
  dealId: z.nullable(z.string()),
  status: z.enum(['open', 'done']),
  completedAt: z.nullable(z.iso.datetime()),
  notes: z.nullable(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version,
});

export const purchaseItemSchema = z.object({
  name: z.string(),
  quantity: z.int().check(z.positive()),
  unitAmount: moneySchema,
});

/** An order from a checkout or a shop; `orderId` is its identity there. */
export const purchaseSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  contactId: z.string(),
  items: z.array(purchaseItemSchema),
  amount: moneySchema,
  occurredAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});

/** A page a visitor opened; the address and referrer lose their query. */
export const pageViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  title: z.nullable(z.string()),
  referrer: z.nullable(z.string()),
  utm: z.record(z.string(), z.string()),
  visitorId: z.nullable(z.string()),
  occurredAt: z.iso.datetime(),
});

export type Activity = z.infer<typeof activitySchema>;
export type ActivityType = (typeof activityTypes)[number];
export type Task = z.infer<typeof taskSchema>;
export type Purchase = z.infer<typeof purchaseSchema>;
export type PageView = z.infer<typeof pageViewSchema>;
