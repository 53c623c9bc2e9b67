import { parse as parseDuration } from 'tinyduration';
import * as z from 'zod/mini';

/**
 * Exact seconds in an ISO-8601 duration. Years and months have no fixed
 * length, so a wait is written in weeks, days, hours, minutes and seconds.
 */
export const durationSeconds = (duration: string): number => {
  const parts = parseDuration(duration);
  if (parts.years || parts.months) {
    throw new Error(
      'Use weeks, days, hours, minutes or seconds, not years or months',
    );
  }

  if (parts.negative) throw new Error('A wait cannot be negative');
  const seconds =
    (parts.weeks ?? 0) * 604_800 +
    (parts.days ?? 0) * 86_400 +
    (parts.hours ?? 0) * 3_600 +
    (parts.minutes ?? 0) * 60 +
    (parts.seconds ?? 0);
  // Step Functions waits whole seconds; a fraction would be silently cut.
  if (!Number.isInteger(seconds)) throw new Error('A wait is whole seconds');

  return seconds;
};

/** A stored sequence; what the API answers. Input rules live beside it. */
export const sequenceStepSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('email'),
    subject: z.string(),
    text: z.optional(z.string()),
    html: z.optional(z.string()),
  }),
  z.object({ type: z.literal('wait'), duration: z.string() }),
]);

export const sequenceSchema = z.object({
  id: z.string(),
  name: z.string(),
  steps: z.array(sequenceStepSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.positive()),
});

export type SequenceStep = z.infer<typeof sequenceStepSchema>;
export type Sequence = z.infer<typeof sequenceSchema>;
