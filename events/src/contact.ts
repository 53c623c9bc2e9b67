import * as z from 'zod';

export const lifecycleStages = [
  'subscriber',
  'lead',
  'marketing_qualified',
  'sales_qualified',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export const lifecycleStageSchema = z.enum(lifecycleStages);

export const customFieldValueSchema = z.union([
  z.string().max(2000),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(2000)).max(100),
]);

/** A contact as the API answers it and as events carry it. */
export const contactSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  tags: z.array(z.string()),
  lifecycleStage: lifecycleStageSchema,
  source: z.string(),
  latestSource: z.string(),
  customFields: z.record(z.string(), customFieldValueSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
});

export type Contact = z.infer<typeof contactSchema>;
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;
