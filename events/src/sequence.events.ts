import * as z from 'zod/mini';
import { envelopeSchema } from './envelope';

export const sequenceEvents = {
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
      reason: z.enum([
        'finished',
        'contact_deleted',
        'sequence_deleted',
        'template_failed',
      ]),
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
};
