import * as z from 'zod/mini';
import { contactSchema } from './contact';
import { envelopeSchema } from './envelope';

const change = z.object({ from: z.unknown(), to: z.unknown() });
const positiveInt = z.int().check(z.positive());

/** Every domain event Rapport writes, by type. */
export const eventSchemas = {
  'contact.created': envelopeSchema(
    'contact.created',
    z.object({ contact: contactSchema }),
  ),
  'contact.updated': envelopeSchema(
    'contact.updated',
    z.object({
      changes: z.record(z.string(), change),
      version: positiveInt,
    }),
  ),
  'contact.deleted': envelopeSchema(
    'contact.deleted',
    z.object({ email: z.string(), version: positiveInt }),
  ),
  'form.submitted': envelopeSchema(
    'form.submitted',
    z.object({
      formId: z.string(),
      submissionId: z.string(),
      sequenceId: z.optional(z.string()),
      contactCreated: z.boolean(),
      fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    }),
  ),
  'sequence.enrolled': envelopeSchema(
    'sequence.enrolled',
    z.object({
      sequenceId: z.string(),
      enrollmentId: z.string(),
      triggerEventId: z.string(),
    }),
  ),
  'sequence.completed': envelopeSchema(
    'sequence.completed',
    z.object({
      sequenceId: z.string(),
      enrollmentId: z.string(),
      reason: z.enum(['finished', 'contact_deleted', 'sequence_deleted']),
    }),
  ),
  'email.sent': envelopeSchema(
    'email.sent',
    z.object({
      messageId: z.string(),
      to: z.string(),
      subject: z.string(),
      sequenceId: z.string(),
      enrollmentId: z.string(),
      position: z.int().check(z.nonnegative()),
    }),
  ),
} as const;

export type EventType = keyof typeof eventSchemas;
export type DomainEvent<T extends EventType = EventType> = {
  [K in T]: z.infer<(typeof eventSchemas)[K]>;
}[T];
export type EventData<T extends EventType> = DomainEvent<T>['data'];

export const eventTypes = Object.keys(eventSchemas) as EventType[];

/** Parses any event against its type's schema. */
export const parseEvent = (input: unknown): DomainEvent => {
  const type = z.object({ type: z.enum(eventTypes) }).parse(input).type;

  return eventSchemas[type].parse(input) as DomainEvent;
};
