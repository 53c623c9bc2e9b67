import {
  apiHandler,
  contactSearchSchema,
  json,
  jsonBody,
  parseBody,
  searchContacts,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const search = parseBody(contactSearchSchema, jsonBody(event));

  return json(200, await searchContacts(workspaceId, search));
});
