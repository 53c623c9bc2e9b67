import {
  apiHandler,
  deleteCustomField,
  noContent,
  parseParams,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { key } = parseParams(
    event.pathParameters,
    { key: z.string() },
    'path',
  );
  await deleteCustomField(workspaceId, key, { type: 'api_key' });

  return noContent();
});
