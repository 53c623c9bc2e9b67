import { lifecycleStageSchema } from '@rapport/events';
import * as z from 'zod';
import { contactLimits, tagsSchema } from '../contact/contact.schema';

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Not an http(s) URL' })
  .max(2000);

const origin = z
  .string()
  .max(300)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return /^https?:$/.test(url.protocol) && url.origin === value;
      } catch {
        return false;
      }
    },
    { message: 'An origin is scheme://host[:port], such as https://example.com' },
  );

export const formCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  tags: tagsSchema.default([]),
  source: z.string().trim().min(1).max(contactLimits.sourceLength).optional(),
  lifecycleStage: lifecycleStageSchema.default('lead'),
  redirectUrl: httpUrl.optional(),
  allowedOrigins: z.array(origin).max(20).default([]),
  sequenceId: z.string().max(100).optional(),
  /** A field real people leave empty; a bot that fills it is dropped. */
  honeypotField: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/)
    .default('_gotcha'),
});

export const formSchema = formCreateSchema.extend({
  id: z.string(),
  source: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
});

export type FormCreate = z.infer<typeof formCreateSchema>;
export type Form = z.infer<typeof formSchema>;
