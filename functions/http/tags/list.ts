import { apiHandler, json, listTags } from '@rapport/core';

export const handler = apiHandler({}, async ({ workspaceId }) =>
  json(200, { items: await listTags(workspaceId) }),
);
