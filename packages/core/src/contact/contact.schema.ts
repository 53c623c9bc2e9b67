import {
  type Contact,
  customFieldValueSchema,
  lifecycleStageSchema,
} from '@rapport/events';
import * as z from 'zod';

export { contactSchema, type Contact } from '@rapport/events';

/** Limits a client can rely on; docs/api.md repeats them. */
export const contactLimits = {
  nameLength: 100,
  companyLength: 200,
  phoneLength: 32,
  emailLength: 254,
  tags: 100,
  tagLength: 64,
  customFields: 100,
  sourceLength: 100,
} as const;

export const emailSchema = z
  .string()
  .trim()
  .max(contactLimits.emailLength)
  .pipe(z.email({ message: 'Not a valid email address' }));

const text = (max: number) => z.string().trim().min(1).max(max);

export const tagsSchema = z
  .array(text(contactLimits.tagLength))
  .max(contactLimits.tags);

export const customFieldsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, {
      message: 'Field keys start with a letter: letters, digits, _',
    }),
    customFieldValueSchema,
  )
  .refine((fields) => Object.keys(fields).length <= contactLimits.customFields, {
    message: `At most ${contactLimits.customFields} custom fields`,
  });

const phoneSchema = z
  .string()
  .trim()
  .max(contactLimits.phoneLength)
  .regex(/^\+?[0-9 ().-]{3,}$/, { message: 'Not a phone number' });

const editable = {
  firstName: text(contactLimits.nameLength).nullable(),
  lastName: text(contactLimits.nameLength).nullable(),
  phone: phoneSchema.nullable(),
  company: text(contactLimits.companyLength).nullable(),
  tags: tagsSchema,
  lifecycleStage: lifecycleStageSchema,
  customFields: customFieldsSchema,
};

/** `POST /v1/contacts`. Server-owned fields are refused, not ignored. */
export const contactCreateSchema = z.strictObject({
  email: emailSchema,
  ...z.object(editable).partial().shape,
  source: text(contactLimits.sourceLength).optional(),
});

/**
 * `PATCH /v1/contacts/{id}`. `null` clears a field; `customFields` merges
 * key by key, and a `null` value removes that key.
 */
export const contactUpdateSchema = z.strictObject({
  email: emailSchema.optional(),
  ...z.object(editable).partial().shape,
  version: z.number().int().positive().optional(),
});

export type ContactCreate = z.infer<typeof contactCreateSchema>;
export type ContactUpdate = z.infer<typeof contactUpdateSchema>;

/** Emails are matched trimmed and without regard to case. */
export const normalizeEmail = (email: string): string =>
  email.trim().toLowerCase();

/** Drops repeated tags, matching without regard to case; first case wins. */
export const normalizeTags = (tags: readonly string[]): string[] => {
  const seen = new Set<string>();

  return tags.filter((tag) => {
    const folded = tag.toLocaleLowerCase('und');
    if (seen.has(folded)) return false;
    seen.add(folded);

    return true;
  });
};

const stageOrder = lifecycleStageSchema.options;

/** The later of two lifecycle stages; `other` never outranks a real stage. */
export const laterStage = (
  current: Contact['lifecycleStage'],
  proposed: Contact['lifecycleStage'],
): Contact['lifecycleStage'] => {
  if (proposed === 'other') return current;
  if (current === 'other') return proposed;

  return stageOrder.indexOf(proposed) > stageOrder.indexOf(current)
    ? proposed
    : current;
};
