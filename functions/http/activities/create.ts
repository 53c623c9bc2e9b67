import {
  activityCreateSchema,
  apiHandler,
  etag,
  json,
  jsonBody,
  logActivity,
  parseBody,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(activityCreateSchema, jsonBody(event));
  const activity = await logActivity(workspaceId, input, { type: 'api_key' });

  return json(201, activity, {
    location: `/v1/activities/${activity.id}`,
    ...etag(activity.version),
  });
});
