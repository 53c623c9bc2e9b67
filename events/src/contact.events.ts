import * as z from 'zod/mini';
import { contactSchema, lifecycleStageSchema } from './contact';
import { envelopeSchema } from './envelope';

const change = z.object({ from: z.unknown(), to: z.unknown() });
const positiveInt = z.int().check(z.positive());

export const contactEvents = {
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
  /** Tags the contact did not carry before; the trigger for automations. */
  'contact.tag_added': envelopeSchema(
    'contact.tag_added',
    z.object({ tags: z.array(z.string()), version: positiveInt }),
  ),
  'contact.tag_removed': envelopeSchema(
    'contact.tag_removed',
    z.object({ tags: z.array(z.string()), version: positiveInt }),
  ),
  /** One transition between lifecycle stages, with what caused it. */
  'contact.lifecycle_changed': envelopeSchema(
    'contact.lifecycle_changed',
    z.object({
      from: lifecycleStageSchema,
      to: lifecycleStageSchema,
      backwards: z.boolean(),
      cause: z.string(),
      version: positiveInt,
    }),
  ),
  /** The lead score moved; emitted only when it really changed. */
  'contact.score_changed': envelopeSchema(
    'contact.score_changed',
    z.object({
      from: z.int(),
      to: z.int(),
      /** The points each rule gives now; they add up to `to`. */
      reasons: z.array(
        z.object({
          ruleId: z.string(),
          kind: z.string(),
          points: z.int(),
          detail: z.string(),
        }),
      ),
      /** What moved it: a contact write, an activity, expiry or new rules. */
      cause: z.enum(['contact', 'activity', 'expiry', 'rules']),
      version: positiveInt,
    }),
  ),
  'contact.deleted': envelopeSchema(
    'contact.deleted',
    z.object({ email: z.string(), version: positiveInt }),
  ),
};
