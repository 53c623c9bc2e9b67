import * as z from 'zod/mini';

/** Who or what caused an event. */
export const actorSchema = z.object({
  type: z.enum(['api_key', 'form', 'sequence', 'system']),
  id: z.optional(z.string()),
});

/** The record an event is about; its timeline holds the event. */
export const subjectSchema = z.object({
  type: z.enum(['contact', 'deal', 'pipeline']),
  id: z.string(),
});

/**
 * Every domain event has this envelope. `id` is unique and time-ordered, so
 * consumers key their side effects on it.
 */
export const envelopeSchema = <T extends string, D extends z.ZodMiniType>(
  type: T,
  data: D,
) =>
  z.object({
    id: z.string().check(z.regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/)),
    type: z.literal(type),
    at: z.iso.datetime(),
    workspaceId: z.string(),
    subject: subjectSchema,
    actor: actorSchema,
    data,
  });

export type Actor = z.infer<typeof actorSchema>;
export type Subject = z.infer<typeof subjectSchema>;
