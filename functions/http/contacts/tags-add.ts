import {
  addTags,
  apiHandler,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  tagsAddSchema,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { tags } = parseBody(tagsAddSchema, jsonBody(event));
  const contact = await addTags(workspaceId, id, tags, { type: 'api_key' });

  return json(200, contact, etag(contact.version));
});
