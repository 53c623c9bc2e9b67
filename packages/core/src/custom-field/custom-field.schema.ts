import * as z from 'zod/mini';
import { customFieldKeySchema, text } from '../contact/contact.schema';

export const customFieldTypes = [
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'url',
  'email',
  'phone',
  'single_select',
  'multi_select',
] as const;

export type CustomFieldType = (typeof customFieldTypes)[number];

export const customFieldLimits = {
  perWorkspace: 100,
  labelLength: 100,
  options: 100,
  optionLength: 100,
} as const;

const optionsSchema = z
  .array(text(customFieldLimits.optionLength))
  .check(z.minLength(1), z.maxLength(customFieldLimits.options));

export const isSelect = (type: CustomFieldType) =>
  type === 'single_select' || type === 'multi_select';

/** Selects need options; other types take none. */
const optionsMatchType = z.superRefine(
  (field: { type?: CustomFieldType; options?: string[] }, ctx) => {
    if (!field.type) return;
    if (isSelect(field.type) && !field.options?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'A select field needs its options',
      });
    }
    if (!isSelect(field.type) && field.options !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'Only select fields take options',
      });
    }
  },
);

/** `POST /v1/custom-fields`. */
export const customFieldCreateSchema = z
  .strictObject({
    key: customFieldKeySchema,
    label: text(customFieldLimits.labelLength),
    type: z.enum(customFieldTypes),
    options: z.optional(optionsSchema),
  })
  .check(optionsMatchType);

/** `PATCH /v1/custom-fields/{key}`: the key never changes. */
export const customFieldUpdateSchema = z.strictObject({
  label: z.optional(text(customFieldLimits.labelLength)),
  type: z.optional(z.enum(customFieldTypes)),
  options: z.optional(optionsSchema),
  version: z.optional(z.int().check(z.positive())),
});

export const customFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  options: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.positive()),
});

export type CustomField = z.infer<typeof customFieldSchema>;
export type CustomFieldCreate = z.infer<typeof customFieldCreateSchema>;
export type CustomFieldUpdate = z.infer<typeof customFieldUpdateSchema>;
