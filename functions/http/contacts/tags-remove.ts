import {
  apiHandler,
  etag,
  json,
  parseParams,
  removeTag,
  tagParamSchema,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id, tag } = parseParams(
    event.pathParameters,
    { id: z.string(), tag: tagParamSchema },
    'path',
  );
  const contact = await removeTag(workspaceId, id, tag, { type: 'api_key' });

  return json(200, contact, etag(contact.version));
});
