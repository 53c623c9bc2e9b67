import {
  apiHandler,
  contactUpdateSchema,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  requireVersion,
  seenVersion,
  updateContact,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { version, ...patch } = parseBody(contactUpdateSchema, jsonBody(event));
  const seen = requireVersion(seenVersion(event, version));
  const contact = await updateContact(workspaceId, id, patch, seen, {
    type: 'api_key',
  });

  return json(200, contact, etag(contact.version));
});
