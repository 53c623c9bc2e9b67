import {
  type Activity,
  activityTypes,
  callOutcomes,
  meetingOutcomes,
} from '@rapport/events';
import * as z from 'zod/mini';
import { text } from '../contact/contact.schema';
import { DomainError, type ErrorDetail } from '../errors';

export { type Activity, activitySchema } from '@rapport/events';

/** Limits a client can rely on; docs/api.md repeats them. */
export const activityLimits = {
  contacts: 20,
  subjectLength: 200,
  bodyLength: 20_000,
  ownerIdLength: 100,
  durationMinutes: 24 * 60,
  /** How far ahead of our clock `occurredAt` may be (clock skew). */
  futureSkewMs: 5 * 60_000,
} as const;

/** A record id as a client passes it back. */
export const recordId = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9_-]+$/),
  );

const fields = {
  occurredAt: z.iso.datetime({ offset: true }),
  contactIds: z
    .array(recordId)
    .check(z.minLength(1), z.maxLength(activityLimits.contacts)),
  dealId: z.optional(z.nullable(recordId)),
  ownerId: z.optional(z.nullable(text(activityLimits.ownerIdLength))),
  subject: z.optional(z.nullable(text(activityLimits.subjectLength))),
  durationMinutes: z.optional(
    z.nullable(
      z.int().check(z.minimum(0), z.maximum(activityLimits.durationMinutes)),
    ),
  ),
  outcome: z.optional(
    z.nullable(z.enum([...callOutcomes, ...meetingOutcomes])),
  ),
  body: z.optional(z.nullable(text(activityLimits.bodyLength))),
};

/** `POST /v1/activities`. */
export const activityCreateSchema = z.strictObject({
  type: z.enum(activityTypes),
  ...fields,
});

/** `PATCH /v1/activities/{id}`; `null` clears a field. */
export const activityUpdateSchema = z.strictObject({
  type: z.optional(z.enum(activityTypes)),
  occurredAt: z.optional(fields.occurredAt),
  contactIds: z.optional(fields.contactIds),
  dealId: fields.dealId,
  ownerId: fields.ownerId,
  subject: fields.subject,
  durationMinutes: fields.durationMinutes,
  outcome: fields.outcome,
  body: fields.body,
  version: z.optional(z.int().check(z.positive())),
});

export type ActivityCreate = z.infer<typeof activityCreateSchema>;
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;

const outcomesOf: Record<string, readonly string[]> = {
  call: callOutcomes,
  meeting: meetingOutcomes,
};

/**
 * The rules that tie fields together, checked on the activity as it will
 * be stored (after a patch too): only calls and meetings have a duration
 * and an outcome, each from its own list, and nothing is logged as having
 * happened in the future.
 */
export const checkActivity = (activity: Activity, now: Date): void => {
  const details: ErrorDetail[] = [];
  const outcomes = outcomesOf[activity.type];

  if (activity.outcome !== null && !outcomes?.includes(activity.outcome)) {
    details.push({
      path: 'outcome',
      message: outcomes
        ? `A ${activity.type} ends as one of: ${outcomes.join(', ')}`
        : `A ${activity.type} has no outcome`,
    });
  }
  if (activity.durationMinutes !== null && !outcomes) {
    details.push({
      path: 'durationMinutes',
      message: `A ${activity.type} has no duration`,
    });
  }
  if (
    new Date(activity.occurredAt).getTime() >
    now.getTime() + activityLimits.futureSkewMs
  ) {
    details.push({
      path: 'occurredAt',
      message: 'Log what has happened; plan what will happen as a task',
    });
  }
  if (details.length > 0) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      details,
    );
  }
};
