import {
  activitySchema,
  eventSchemas,
  purchaseSchema,
  taskSchema,
} from '@rapport/events';
import * as z from 'zod/mini';
import {
  activityCreateSchema,
  activityUpdateSchema,
} from '../activity/activity.schema';
import { pageQuery } from '../http/api-handler';
import { purchaseCreateSchema } from '../purchase/purchase.schema';
import {
  taskCreateSchema,
  taskListQuery,
  taskUpdateSchema,
} from '../task/task.schema';
import { timelineQuery } from '../timeline/timeline.query';
import { pageViewInputSchema } from '../tracking/tracking.service';
import type { Operation } from './openapi';

const event = z.union(
  Object.values(eventSchemas) as unknown as [z.ZodMiniType, z.ZodMiniType],
);

/** The routes of activities, tasks, purchases, page views and timelines. */
export const touchpointOperations: Operation[] = [
  {
    routeKey: 'GET /v1/deals/{id}/timeline',
    summary: "A deal's timeline, newest first, filtered by type and time",
    tag: 'timelines',
    query: timelineQuery,
    status: 200,
    response: event,
    list: true,
  },
  {
    routeKey: 'GET /v1/contacts/{id}/lifetime-value',
    summary: "A contact's revenue from purchases, per currency",
    tag: 'purchases',
    status: 200,
    response: z.object({
      contactId: z.string(),
      amounts: z.array(
        z.object({ currency: z.string(), value: z.int(), orders: z.int() }),
      ),
    }),
  },
  {
    routeKey: 'POST /v1/activities',
    summary: 'Log a call, meeting, email or note on its contacts and deal',
    tag: 'activities',
    body: activityCreateSchema,
    status: 201,
    response: activitySchema,
  },
  {
    routeKey: 'GET /v1/activities/{id}',
    summary: 'Read an activity',
    tag: 'activities',
    status: 200,
    response: activitySchema,
  },
  {
    routeKey: 'PATCH /v1/activities/{id}',
    summary: 'Update an activity at the version read (If-Match or version)',
    tag: 'activities',
    body: activityUpdateSchema,
    status: 200,
    response: activitySchema,
  },
  {
    routeKey: 'DELETE /v1/activities/{id}',
    summary: 'Delete an activity; its timelines record the deletion',
    tag: 'activities',
    status: 204,
  },
  {
    routeKey: 'POST /v1/tasks',
    summary: 'Create a task about a contact, a deal or both',
    tag: 'tasks',
    body: taskCreateSchema,
    status: 201,
    response: taskSchema,
  },
  {
    routeKey: 'GET /v1/tasks',
    summary: "A rep's open tasks, soonest due first (overdue, today, week)",
    tag: 'tasks',
    query: { ...pageQuery, ...taskListQuery },
    status: 200,
    response: taskSchema,
    list: true,
  },
  {
    routeKey: 'GET /v1/tasks/{id}',
    summary: 'Read a task',
    tag: 'tasks',
    status: 200,
    response: taskSchema,
  },
  {
    routeKey: 'PATCH /v1/tasks/{id}',
    summary: 'Update or complete a task at the version read',
    tag: 'tasks',
    body: taskUpdateSchema,
    status: 200,
    response: taskSchema,
  },
  {
    routeKey: 'POST /v1/purchases',
    summary: 'Record an order once per order id (a repeat answers 200)',
    tag: 'purchases',
    body: purchaseCreateSchema,
    status: 201,
    response: purchaseSchema,
  },
  {
    routeKey: 'POST /v1/track/pageview',
    summary: 'Report a page view from a tracking script (public)',
    tag: 'tracking',
    public: true,
    body: pageViewInputSchema,
    status: 202,
    response: z.object({ visitorId: z.string() }),
  },
  {
    routeKey: 'OPTIONS /v1/track/pageview',
    summary: 'CORS preflight for the tracking script',
    tag: 'tracking',
    public: true,
    status: 204,
  },
  {
    routeKey: 'GET /v1/track/pixel.gif',
    summary: 'Report a page view as a 1x1 GIF (public)',
    tag: 'tracking',
    public: true,
    query: {
      w: z.string(),
      u: z.string(),
      r: z.optional(z.string()),
      t: z.optional(z.string()),
      rid: z.optional(z.string()),
      vid: z.optional(z.string()),
    },
    status: 200,
  },
];
