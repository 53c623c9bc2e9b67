import { apiHandler, json, listCustomFields } from '@rapport/core';

export const handler = apiHandler({}, async ({ workspaceId }) =>
  json(200, { items: await listCustomFields(workspaceId) }),
);
