import {
  apiHandler,
  customFieldUpdateSchema,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  seenVersion,
  updateCustomField,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { key } = parseParams(
    event.pathParameters,
    { key: z.string() },
    'path',
  );
  const { version, ...patch } = parseBody(
    customFieldUpdateSchema,
    jsonBody(event),
  );
  const field = await updateCustomField(
    workspaceId,
    key,
    patch,
    seenVersion(event, version),
    { type: 'api_key' },
  );

  return json(200, field, etag(field.version));
});
