import {
  activityUpdateSchema,
  apiHandler,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  requireVersion,
  seenVersion,
  updateActivity,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { version, ...patch } = parseBody(
    activityUpdateSchema,
    jsonBody(event),
  );
  const seen = requireVersion(seenVersion(event, version));
  const activity = await updateActivity(workspaceId, id, patch, seen, {
    type: 'api_key',
  });

  return json(200, activity, etag(activity.version));
});
