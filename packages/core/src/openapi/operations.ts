import { eventSchemas } from '@rapport/events';
import * as z from 'zod/mini';
import {
  contactCreateSchema,
  contactSchema,
  contactUpdateSchema,
  emailSchema,
} from '../contact/contact.schema';
import {
  dealCreateSchema,
  dealFilterSchema,
  dealSchema,
  dealStatusSchema,
  dealUpdateSchema,
} from '../deal/deal.schema';
import { formCreateSchema, formSchema } from '../form/form.schema';
import { pageQuery } from '../http/api-handler';
import {
  pipelineCreateSchema,
  pipelineSchema,
  pipelineUpdateSchema,
  stageSchema,
} from '../pipeline/pipeline.schema';
import { sequenceCreateSchema } from '../sequence/sequence.input';
import { sequenceSchema } from '../sequence/sequence.schema';
import { timelineQuery } from '../timeline/timeline.query';
import { contextOperations } from './context.operations';
import type { Operation } from './openapi';
import { scoringOperations } from './scoring.operations';
import { touchpointOperations } from './touchpoint.operations';

const event = z.union(
  Object.values(eventSchemas) as unknown as [z.ZodMiniType, z.ZodMiniType],
);

const submission = z.record(
  z.string(),
  z.union([z.string(), z.array(z.string())]),
);

const boardSchema = z.object({
  pipelineId: z.string(),
  name: z.string(),
  stages: z.array(
    z.object({
      ...stageSchema.shape,
      count: z.int(),
      totals: z.array(
        z.object({ currency: z.string(), amount: z.int(), weighted: z.int() }),
      ),
      deals: z.object({
        items: z.array(z.object({ ...dealSchema.shape, stalled: z.boolean() })),
        nextCursor: z.nullable(z.string()),
      }),
    }),
  ),
});

/** Every API route, as the reference documents it. */
export const operations: Operation[] = [
  {
    routeKey: 'GET /health',
    summary: 'Whether the table can be read',
    tag: 'health',
    public: true,
    status: 200,
    response: z.object({ status: z.literal('ok') }),
  },
  {
    routeKey: 'GET /v1/openapi.json',
    summary: 'This document',
    tag: 'health',
    public: true,
    status: 200,
  },
  {
    routeKey: 'POST /v1/contacts',
    summary: 'Create a contact',
    tag: 'contacts',
    body: contactCreateSchema,
    status: 201,
    response: contactSchema,
  },
  {
    routeKey: 'GET /v1/contacts',
    summary: 'List contacts, oldest first, or find one by email',
    tag: 'contacts',
    query: { ...pageQuery, email: z.optional(emailSchema) },
    status: 200,
    response: contactSchema,
    list: true,
  },
  {
    routeKey: 'GET /v1/contacts/{id}',
    summary: 'Read a contact',
    tag: 'contacts',
    status: 200,
    response: contactSchema,
  },
  {
    routeKey: 'PATCH /v1/contacts/{id}',
    summary: 'Update a contact at the version read (If-Match or version)',
    tag: 'contacts',
    body: contactUpdateSchema,
    status: 200,
    response: contactSchema,
  },
  {
    routeKey: 'DELETE /v1/contacts/{id}',
    summary: 'Delete a contact; its timeline stays',
    tag: 'contacts',
    status: 204,
  },
  {
    routeKey: 'GET /v1/contacts/{id}/timeline',
    summary: "A contact's timeline, newest first, filtered by type and time",
    tag: 'contacts',
    query: timelineQuery,
    status: 200,
    response: event,
    list: true,
  },
  {
    routeKey: 'POST /v1/sequences',
    summary: 'Create a sequence of emails and waits',
    tag: 'sequences',
    body: sequenceCreateSchema,
    status: 201,
    response: sequenceSchema,
  },
  {
    routeKey: 'GET /v1/sequences/{id}',
    summary: 'Read a sequence',
    tag: 'sequences',
    status: 200,
    response: sequenceSchema,
  },
  {
    routeKey: 'POST /v1/forms',
    summary: 'Create a form',
    tag: 'forms',
    body: formCreateSchema,
    status: 201,
    response: formSchema,
  },
  {
    routeKey: 'GET /v1/forms/{id}',
    summary: 'Read a form',
    tag: 'forms',
    status: 200,
    response: formSchema,
  },
  {
    routeKey: 'POST /v1/forms/{id}/submissions',
    summary: 'Submit a form (public; a browser post with a redirect gets 303)',
    tag: 'forms',
    public: true,
    body: submission,
    bodyTypes: [
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/json',
    ],
    status: 201,
    response: z.object({
      submissionId: z.string(),
      status: z.literal('accepted'),
    }),
  },
  {
    routeKey: 'OPTIONS /v1/forms/{id}/submissions',
    summary: 'CORS preflight for a form',
    tag: 'forms',
    public: true,
    status: 204,
  },
  {
    routeKey: 'POST /v1/pipelines',
    summary: 'Create a pipeline with its stages in order',
    tag: 'deals',
    body: pipelineCreateSchema,
    status: 201,
    response: pipelineSchema,
  },
  {
    routeKey: 'GET /v1/pipelines',
    summary: 'List pipelines, oldest first (the default one included)',
    tag: 'deals',
    query: pageQuery,
    status: 200,
    response: pipelineSchema,
    list: true,
  },
  {
    routeKey: 'GET /v1/pipelines/{id}',
    summary: 'Read a pipeline',
    tag: 'deals',
    status: 200,
    response: pipelineSchema,
  },
  {
    routeKey: 'PATCH /v1/pipelines/{id}',
    summary:
      'Rename a pipeline; add, rename, reorder, re-weigh or delete stages (moveDealsTo for stages holding deals)',
    tag: 'deals',
    body: pipelineUpdateSchema,
    status: 200,
    response: pipelineSchema,
  },
  {
    routeKey: 'GET /v1/pipelines/{id}/board',
    summary:
      'Each stage with its open deals (newest move first), count and totals per currency',
    tag: 'deals',
    query: { ...pageQuery, stageId: z.optional(z.string()) },
    status: 200,
    response: boardSchema,
  },
  {
    routeKey: 'GET /v1/pipelines/{id}/timeline',
    summary:
      "A pipeline's timeline, newest first: its creation and every change to its stages",
    tag: 'deals',
    query: timelineQuery,
    status: 200,
    response: event,
    list: true,
  },
  {
    routeKey: 'POST /v1/deals',
    summary: 'Create a deal',
    tag: 'deals',
    body: dealCreateSchema,
    status: 201,
    response: dealSchema,
  },
  {
    routeKey: 'GET /v1/deals',
    summary:
      'List deals, oldest first, by pipeline, stage, owner, contact, status',
    tag: 'deals',
    query: { ...pageQuery, ...dealFilterSchema },
    status: 200,
    response: dealSchema,
    list: true,
  },
  {
    routeKey: 'GET /v1/deals/{id}',
    summary: 'Read a deal',
    tag: 'deals',
    status: 200,
    response: dealSchema,
  },
  {
    routeKey: 'PATCH /v1/deals/{id}',
    summary:
      'Change, move, win, lose or reopen a deal at the version read (If-Match or version)',
    tag: 'deals',
    body: dealUpdateSchema,
    status: 200,
    response: dealSchema,
  },
  {
    routeKey: 'DELETE /v1/deals/{id}',
    summary: 'Delete a deal; its timeline stays',
    tag: 'deals',
    status: 204,
  },
  {
    routeKey: 'GET /v1/contacts/{id}/deals',
    summary: "A contact's deals, oldest first",
    tag: 'deals',
    query: { ...pageQuery, status: z.optional(dealStatusSchema) },
    status: 200,
    response: dealSchema,
    list: true,
  },
  ...touchpointOperations,
  ...contextOperations,
  ...scoringOperations,
];
