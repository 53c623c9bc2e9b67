import {
  activityTypes,
  customFieldValueSchema,
  lifecycleStageSchema,
} from '@rapport/events';
import * as z from 'zod/mini';
import {
  contactLimits,
  customFieldKeySchema,
  text,
} from '../contact/contact.schema';

/** Limits a client can rely on; docs/api.md repeats them. */
export const scoringLimits = {
  rules: 50,
  points: 1000,
  withinDays: 365,
} as const;

const points = z.int().check(
  z.minimum(-scoringLimits.points),
  z.maximum(scoringLimits.points),
  z.refine((value) => value !== 0, { error: 'Points of 0 change nothing' }),
);

const ruleId = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Letters, digits, _ and -' }),
  );

const tagRule = z.strictObject({
  id: ruleId,
  kind: z.literal('tag'),
  tag: text(contactLimits.tagLength),
  points,
});

const stageRule = z.strictObject({
  id: ruleId,
  kind: z.literal('lifecycle_stage'),
  stage: lifecycleStageSchema,
  points,
});

const fieldRule = z.strictObject({
  id: ruleId,
  kind: z.literal('field'),
  key: customFieldKeySchema,
  /** `eq` compares with `value`; `exists` holds when the field is set. */
  op: z.enum(['eq', 'exists']),
  value: z.optional(customFieldValueSchema),
  points,
});

const activityRule = z.strictObject({
  id: ruleId,
  kind: z.literal('activity'),
  activityType: z.enum(activityTypes),
  /** Counts activities that happened within this many days before now. */
  withinDays: z.int().check(z.minimum(1), z.maximum(scoringLimits.withinDays)),
  /** Points per activity. */
  points,
  /** The most this rule gives (or takes, for negative points) in total. */
  cap: z.optional(z.int().check(z.positive())),
});

export const scoringRuleSchema = z.discriminatedUnion('kind', [
  tagRule,
  stageRule,
  fieldRule,
  activityRule,
]);

/** `PUT /v1/scoring`: the whole set of rules, replacing the last one. */
export const scoringPutSchema = z
  .strictObject({
    rules: z.array(scoringRuleSchema).check(z.maxLength(scoringLimits.rules)),
    /** The version this replaces, when the client wants to be sure. */
    version: z.optional(z.int().check(z.nonnegative())),
  })
  .check(
    z.superRefine((input, ctx) => {
      const seen = new Set<string>();
      input.rules.forEach((rule, index) => {
        if (seen.has(rule.id)) {
          ctx.issues.push({
            code: 'custom',
            input: rule.id,
            path: ['rules', index, 'id'],
            message: 'Rule ids must be unique',
          });
        }
        seen.add(rule.id);
        if (rule.kind === 'field' && rule.op === 'eq' && rule.value == null) {
          ctx.issues.push({
            code: 'custom',
            input: rule,
            path: ['rules', index, 'value'],
            message: 'An eq rule needs a value',
          });
        }
      });
    }),
  );

export const scoringSchema = z.object({
  rules: z.array(scoringRuleSchema),
  /** 0 before the workspace first defines rules. */
  version: z.int().check(z.nonnegative()),
  updatedAt: z.nullable(z.iso.datetime()),
});

export type ScoringRule = z.infer<typeof scoringRuleSchema>;
export type Scoring = z.infer<typeof scoringSchema>;
export type ScoringPut = z.infer<typeof scoringPutSchema>;
