import {
  apiHandler,
  deleteSegment,
  noContent,
  parseParams,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  await deleteSegment(workspaceId, id);

  return noContent();
});
