import { parse as parseDuration } from 'tinyduration';
import * as z from 'zod';
import { templateError } from './template';

const maxWaitSeconds = 365 * 86_400;

/**
 * Exact seconds in an ISO-8601 duration. Years and months have no fixed
 * length, so a wait is written in weeks, days, hours, minutes and seconds.
 */
export const durationSeconds = (duration: string): number => {
  const parts = parseDuration(duration);
  if (parts.years || parts.months) {
    throw new Error('Use weeks, days, hours, minutes or seconds, not years or months');
  }

  return Math.round(
    (parts.weeks ?? 0) * 604_800 +
      (parts.days ?? 0) * 86_400 +
      (parts.hours ?? 0) * 3_600 +
      (parts.minutes ?? 0) * 60 +
      (parts.seconds ?? 0),
  );
};

const template = (kind: 'text' | 'html', max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((source, context) => {
      const problem = templateError(source, kind);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    });

const emailStep = z
  .strictObject({
    type: z.literal('email'),
    subject: template('text', 200),
    text: template('text', 100_000).optional(),
    html: template('html', 200_000).optional(),
  })
  .refine((step) => step.text !== undefined || step.html !== undefined, {
    message: 'An email step needs text, html or both',
    path: ['text'],
  });

const waitStep = z.strictObject({
  type: z.literal('wait'),
  duration: z.string().superRefine((duration, context) => {
    try {
      const seconds = durationSeconds(duration);
      if (seconds < 1 || seconds > maxWaitSeconds) {
        context.addIssue({
          code: 'custom',
          message: 'A wait lasts from one second to 365 days',
        });
      }
    } catch (error) {
      context.addIssue({
        code: 'custom',
        message: `Not an ISO-8601 duration such as P1D: ${(error as Error).message}`,
      });
    }
  }),
});

export const sequenceStepSchema = z.discriminatedUnion('type', [
  emailStep,
  waitStep,
]);

export const sequenceCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  steps: z.array(sequenceStepSchema).min(1).max(50),
});

export const sequenceSchema = sequenceCreateSchema.extend({
  id: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
});

export type SequenceStep = z.infer<typeof sequenceStepSchema>;
export type SequenceCreate = z.infer<typeof sequenceCreateSchema>;
export type Sequence = z.infer<typeof sequenceSchema>;
