import * as z from 'zod/mini';
import { contactSchema } from './contact';
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
  'contact.deleted': envelopeSchema(
    'contact.deleted',
    z.object({ email: z.string(), version: positiveInt }),
  ),
};
