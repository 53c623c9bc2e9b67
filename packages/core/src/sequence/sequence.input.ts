import * as z from 'zod/mini';
import { text } from '../contact/contact.schema';
import { durationSeconds } from './sequence.schema';
import { type TemplateKind, templateError } from './template';

const maxWaitSeconds = 365 * 86_400;

const template = (kind: TemplateKind, max: number) =>
  z.string().check(
    z.minLength(1),
    z.maxLength(max),
    z.superRefine((source, context) => {
      const problem = templateError(source, kind);
      if (problem)
        context.issues.push({
          code: 'custom',
          message: problem,
          input: source,
        });
    }),
  );

const waitProblem = (duration: string): string | undefined => {
  try {
    const seconds = durationSeconds(duration);

    return seconds < 1 || seconds > maxWaitSeconds
      ? 'A wait lasts from one second to 365 days'
      : undefined;
  } catch (error) {
    return `Not an ISO-8601 duration such as P1D: ${(error as Error).message}`;
  }
};

const emailStep = z
  .strictObject({
    type: z.literal('email'),
    subject: template('text', 200),
    text: z.optional(template('text', 100_000)),
    html: z.optional(template('html', 200_000)),
  })
  .check(
    z.refine((step) => step.text !== undefined || step.html !== undefined, {
      error: 'An email step needs text, html or both',
      path: ['text'],
    }),
  );

const waitStep = z.strictObject({
  type: z.literal('wait'),
  duration: z.string().check(
    z.superRefine((duration, context) => {
      const problem = waitProblem(duration);
      if (problem)
        context.issues.push({
          code: 'custom',
          message: problem,
          input: duration,
        });
    }),
  ),
});

/** `POST /v1/sequences`: templates must parse and waits must be exact. */
export const sequenceCreateSchema = z.strictObject({
  name: text(200),
  steps: z
    .array(z.discriminatedUnion('type', [emailStep, waitStep]))
    .check(z.minLength(1), z.maxLength(50)),
});

export type SequenceCreate = z.infer<typeof sequenceCreateSchema>;
