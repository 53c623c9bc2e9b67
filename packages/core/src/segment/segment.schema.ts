import { customFieldValueSchema, lifecycleStageSchema } from '@rapport/events';
import * as z from 'zod/mini';
import {
  contactLimits,
  customFieldKeySchema,
  text,
} from '../contact/contact.schema';

const tagList = z
  .array(text(contactLimits.tagLength))
  .check(z.minLength(1), z.maxLength(10));

const instant = z.iso.datetime({ offset: true });

const range = <S extends z.ZodMiniType>(bound: S) =>
  z.strictObject({ gte: z.optional(bound), lte: z.optional(bound) });

export const fieldOps = ['eq', 'in', 'gte', 'lte', 'exists'] as const;

const fieldCondition = z.strictObject({
  key: customFieldKeySchema,
  op: z.enum(fieldOps),
  /** `in` takes a list; `exists` takes true (the default) or false. */
  value: z.optional(customFieldValueSchema),
});

/** Which contacts a search or a segment selects; every part must hold. */
export const contactFilterSchema = z.strictObject({
  tags: z.optional(
    z.strictObject({
      all: z.optional(tagList),
      any: z.optional(tagList),
      none: z.optional(tagList),
    }),
  ),
  lifecycleStage: z.optional(
    z.array(lifecycleStageSchema).check(z.minLength(1)),
  ),
  source: z.optional(
    z
      .array(text(contactLimits.sourceLength))
      .check(z.minLength(1), z.maxLength(20)),
  ),
  /** Lead score bounds, both inclusive. */
  score: z.optional(range(z.int())),
  createdAt: z.optional(range(instant)),
  updatedAt: z.optional(range(instant)),
  fields: z.optional(z.array(fieldCondition).check(z.maxLength(10))),
});

export const contactSortSchema = z.strictObject({
  by: z.enum(['createdAt', 'score']),
  order: z._default(z.enum(['asc', 'desc']), 'asc'),
});

export const searchLimits = { pageSize: 100, defaultPageSize: 25 } as const;

/** `POST /v1/contacts/search`. */
export const contactSearchSchema = z.strictObject({
  filter: z._default(contactFilterSchema, {}),
  sort: z.optional(contactSortSchema),
  limit: z._default(
    z.int().check(z.minimum(1), z.maximum(searchLimits.pageSize)),
    searchLimits.defaultPageSize,
  ),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

/** `POST /v1/contacts/count`. */
export const contactCountSchema = z.strictObject({
  filter: z._default(contactFilterSchema, {}),
});

/** `POST /v1/segments`: a filter saved by name. */
export const segmentCreateSchema = z.strictObject({
  name: text(100),
  filter: contactFilterSchema,
  sort: z.optional(contactSortSchema),
});

export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  filter: contactFilterSchema,
  sort: z.optional(contactSortSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.positive()),
});

export type ContactFilter = z.infer<typeof contactFilterSchema>;
export type ContactSort = z.infer<typeof contactSortSchema>;
export type FieldCondition = z.infer<typeof fieldCondition>;
export type ContactSearch = z.infer<typeof contactSearchSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type SegmentCreate = z.infer<typeof segmentCreateSchema>;
