import {
  apiHandler,
  etag,
  getCustomField,
  json,
  parseParams,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { key } = parseParams(
    event.pathParameters,
    { key: z.string() },
    'path',
  );
  const field = await getCustomField(workspaceId, key);

  return json(200, field, etag(field.version));
});
