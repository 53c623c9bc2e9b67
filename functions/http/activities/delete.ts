import {
  apiHandler,
  deleteActivity,
  noContent,
  parseParams,
  seenVersion,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  await deleteActivity(workspaceId, id, seenVersion(event, undefined), {
    type: 'api_key',
  });

  return noContent();
});
