import {
  apiHandler,
  contactCountSchema,
  countContacts,
  json,
  jsonBody,
  parseBody,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { filter } = parseBody(contactCountSchema, jsonBody(event));

  return json(200, { count: await countContacts(workspaceId, filter) });
});
