import { apiHandler, etag, getContact, json, parseParams } from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const contact = await getContact(workspaceId, id);

  return json(200, contact, etag(contact.version));
});
