import {
  apiHandler,
  etag,
  getActivity,
  json,
  parseParams,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const activity = await getActivity(workspaceId, id);

  return json(200, activity, etag(activity.version));
});
