import {
  apiHandler,
  deleteDeal,
  noContent,
  parseParams,
  seenVersion,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  await deleteDeal(workspaceId, id, seenVersion(event, undefined), {
    actor: { type: 'api_key' },
  });

  return noContent();
});
