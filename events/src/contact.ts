import * as z from 'zod/mini';

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

const fieldText = z.string().check(z.maxLength(2000));

export const customFieldValueSchema = z.union([
  fieldText,
  z.number(),
  z.boolean(),
  z.null(),
  z.array(fieldText).check(z.maxLength(100)),
]);

/** A contact as the API answers it and as events carry it. */
export const contactSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.nullable(z.string()),
  lastName: z.nullable(z.string()),
  /** As the client wrote it, for display. */
  phone: z.nullable(z.string()),
  /** The same number in E.164, for matching and dialling. */
  phoneE164: z.optional(z.nullable(z.string())),
  company: z.nullable(z.string()),
  tags: z.array(z.string()),
  lifecycleStage: lifecycleStageSchema,
  source: z.string(),
  latestSource: z.string(),
  customFields: z.record(z.string(), customFieldValueSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.positive()),
  /** The lead score from the workspace's scoring rules; 0 without rules. */
  score: z._default(z.int(), 0),
  /**
   * When points for recent activity next fall out of their window, so the
   * daily re-score finds this contact; null when no such points count.
   */
  scoreExpiresAt: z.optional(z.nullable(z.iso.datetime())),
});

export type Contact = z.infer<typeof contactSchema>;
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;
