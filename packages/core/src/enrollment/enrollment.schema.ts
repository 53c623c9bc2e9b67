import * as z from 'zod/mini';

export const enrollmentSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  contactId: z.string(),
  sequenceId: z.string(),
  status: z.enum(['active', 'completed']),
  triggerEventId: z.string(),
  startedAt: z.iso.datetime(),
  completedAt: z.optional(z.iso.datetime()),
});

export type Enrollment = z.infer<typeof enrollmentSchema>;

/** What the sequence runner's state machine carries between its states. */
export const runnerInputSchema = z.object({
  workspaceId: z.string(),
  enrollmentId: z.string(),
  contactId: z.string(),
  position: z.int().check(z.nonnegative()),
});

export type RunnerInput = z.infer<typeof runnerInputSchema>;

/** The next thing the runner does, answered by the step function. */
export type NextStep =
  | { type: 'email'; position: number }
  | { type: 'wait'; position: number; waitSeconds: number }
  | { type: 'done'; position: number; reason: string };
