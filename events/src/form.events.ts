import * as z from 'zod/mini';
import { envelopeSchema } from './envelope';

export const formEvents = {
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
};
