import {
  apiHandler,
  contactCreateSchema,
  createContact,
  etag,
  json,
  jsonBody,
  parseBody,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(contactCreateSchema, jsonBody(event));
  const contact = await createContact(workspaceId, input, { type: 'api_key' });

  return json(201, contact, {
    location: `/v1/contacts/${contact.id}`,
    ...etag(contact.version),
  });
});
