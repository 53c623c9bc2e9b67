import * as z from 'zod/mini';
import { envelopeSchema } from './envelope';
import {
  activitySchema,
  pageViewSchema,
  purchaseSchema,
  taskSchema,
} from './touchpoint';

const change = z.object({ from: z.unknown(), to: z.unknown() });
const changes = z.record(z.string(), change);

export const touchpointEvents = {
  'activity.logged': envelopeSchema(
    'activity.logged',
    z.object({ activity: activitySchema }),
  ),
  'activity.updated': envelopeSchema(
    'activity.updated',
    z.object({ activity: activitySchema, changes }),
  ),
  'activity.deleted': envelopeSchema(
    'activity.deleted',
    z.object({ activity: activitySchema }),
  ),
  'task.created': envelopeSchema(
    'task.created',
    z.object({ task: taskSchema }),
  ),
  'task.updated': envelopeSchema(
    'task.updated',
    z.object({ task: taskSchema, changes }),
  ),
  'task.completed': envelopeSchema(
    'task.completed',
    z.object({ task: taskSchema }),
  ),
  'task.due': envelopeSchema('task.due', z.object({ task: taskSchema })),
  'purchase.completed': envelopeSchema(
    'purchase.completed',
    z.object({ purchase: purchaseSchema, contactCreated: z.boolean() }),
  ),
  'page.viewed': envelopeSchema(
    'page.viewed',
    z.object({ pageView: pageViewSchema }),
  ),
};
