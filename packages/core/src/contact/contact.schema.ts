import {
  type Contact,
  customFieldValueSchema,
  lifecycleStageSchema,
  lifecycleStages,
} from '@rapport/events';
import * as z from 'zod/mini';

export { type Contact, contactSchema } from '@rapport/events';

/** Limits a client can rely on; docs/api.md repeats them. */
export const contactLimits = {
  nameLength: 100,
  companyLength: 200,
  phoneLength: 32,
  emailLength: 254,
  // A contact's postings and tag counters are written in its own
  // transaction (at most 100 items): 2 per tag, 1 per custom field value.
  tags: 30,
  tagLength: 64,
  customFields: 30,
  sourceLength: 100,
} as const;

export const emailSchema = z.pipe(
  z.string().check(z.trim(), z.maxLength(contactLimits.emailLength)),
  z.email({ error: 'Not a valid email address' }),
);

// C0 controls and DEL; tabs and line breaks have no place in a name either.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const controlCharacters = /[\u0000-\u001f\u007f]/;

/** Trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine(
      (value) => value.isWellFormed() && !controlCharacters.test(value),
      {
        error: 'Control characters and broken Unicode are not allowed',
      },
    ),
  );

export const tagsSchema = z
  .array(text(contactLimits.tagLength))
  .check(z.maxLength(contactLimits.tags));

/**
 * Keys JavaScript objects already own; the DynamoDB marshaller mistakes an
 * object with a `constructor` key for a class instance.
 */
export const reservedFieldKeys = new Set(['constructor', 'prototype']);

export const customFieldKeySchema = z.string().check(
  z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, {
    error: 'Field keys start with a letter: letters, digits, _',
  }),
  z.refine((key) => !reservedFieldKeys.has(key), {
    error: 'This key is reserved; choose another',
  }),
);

export const customFieldsSchema = z
  .record(customFieldKeySchema, customFieldValueSchema)
  .check(
    z.refine(
      (fields) => Object.keys(fields).length <= contactLimits.customFields,
      { error: `At most ${contactLimits.customFields} custom fields` },
    ),
  );

const phoneSchema = z
  .string()
  .check(
    z.trim(),
    z.maxLength(contactLimits.phoneLength),
    z.regex(/^\+?[0-9 ().-]{3,}$/, { error: 'Not a phone number' }),
  );

const editable = {
  firstName: z.optional(z.nullable(text(contactLimits.nameLength))),
  lastName: z.optional(z.nullable(text(contactLimits.nameLength))),
  phone: z.optional(z.nullable(phoneSchema)),
  company: z.optional(z.nullable(text(contactLimits.companyLength))),
  tags: z.optional(tagsSchema),
  lifecycleStage: z.optional(lifecycleStageSchema),
  customFields: z.optional(customFieldsSchema),
};

/** ISO 3166 country a national phone number is dialled in. */
const phoneCountrySchema = z
  .string()
  .check(
    z.regex(/^[A-Za-z]{2}$/, { error: 'A two-letter country code such as GB' }),
  );

/** `POST /v1/contacts`. Server-owned fields are refused, not ignored. */
export const contactCreateSchema = z.strictObject({
  email: emailSchema,
  ...editable,
  phoneCountry: z.optional(phoneCountrySchema),
  source: z.optional(text(contactLimits.sourceLength)),
});

/**
 * `PATCH /v1/contacts/{id}`. `null` clears a field; `customFields` merges
 * key by key, and a `null` value removes that key.
 */
export const contactUpdateSchema = z.strictObject({
  email: z.optional(emailSchema),
  ...editable,
  phoneCountry: z.optional(phoneCountrySchema),
  /** The source of this touch; the first-touch source never changes. */
  source: z.optional(text(contactLimits.sourceLength)),
  /** Lets `lifecycleStage` move to an earlier stage. */
  allowBackwards: z.optional(z.boolean()),
  version: z.optional(z.int().check(z.positive())),
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
    const folded = tag.normalize('NFC').toLocaleLowerCase('und');
    if (seen.has(folded)) return false;
    seen.add(folded);

    return true;
  });
};

/** The later of two lifecycle stages; `other` never outranks a real stage. */
export const laterStage = (
  current: Contact['lifecycleStage'],
  proposed: Contact['lifecycleStage'],
): Contact['lifecycleStage'] => {
  if (proposed === 'other') return current;
  if (current === 'other') return proposed;

  return lifecycleStages.indexOf(proposed) > lifecycleStages.indexOf(current)
    ? proposed
    : current;
};

/** Whether a move goes to an earlier stage; `other` stands outside the order. */
export const isBackwards = (
  from: Contact['lifecycleStage'],
  to: Contact['lifecycleStage'],
): boolean =>
  from !== 'other' &&
  to !== 'other' &&
  lifecycleStages.indexOf(to) < lifecycleStages.indexOf(from);
