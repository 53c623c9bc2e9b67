import { lifecycleStageSchema } from '@rapport/events';
import * as z from 'zod/mini';
import { contactLimits, tagsSchema, text } from '../contact/contact.schema';
import { isContactFieldName } from './submission.fields';

// Stored as the URL parser writes it, so the Location header it becomes is
// percent-encoded.
const httpUrl = z.pipe(
  z
    .url({ protocol: /^https?$/, error: 'Not an http(s) URL' })
    .check(z.maxLength(2000)),
  z.transform((value) => new URL(value).href),
);

const isOrigin = (value: string) => {
  try {
    const url = new URL(value);

    return /^https?:$/.test(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
};

const origin = z.string().check(
  z.maxLength(300),
  z.refine(isOrigin, {
    error: 'An origin is scheme://host[:port], such as https://example.com',
  }),
);

export const formCreateSchema = z.strictObject({
  name: text(200),
  tags: z._default(tagsSchema, []),
  source: z.optional(text(contactLimits.sourceLength)),
  lifecycleStage: z._default(lifecycleStageSchema, 'lead'),
  redirectUrl: z.optional(httpUrl),
  allowedOrigins: z._default(z.array(origin).check(z.maxLength(20)), []),
  sequenceId: z.optional(z.string().check(z.maxLength(100))),
  /** A field real people leave empty; a bot that fills it is dropped. */
  honeypotField: z._default(
    z.string().check(
      z.regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/),
      z.refine((name) => !isContactFieldName(name), {
        error: 'A honeypot must not be a field people fill in',
      }),
    ),
    '_gotcha',
  ),
});

export const formSchema = z.object({
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  source: z.string(),
  lifecycleStage: lifecycleStageSchema,
  redirectUrl: z.optional(z.string()),
  allowedOrigins: z.array(z.string()),
  sequenceId: z.optional(z.string()),
  honeypotField: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.positive()),
});

export type FormCreate = z.infer<typeof formCreateSchema>;
export type Form = z.infer<typeof formSchema>;
