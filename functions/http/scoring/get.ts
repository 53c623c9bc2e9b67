import { apiHandler, getScoring, json } from '@rapport/core';

export const handler = apiHandler({}, async ({ workspaceId }) =>
  json(200, await getScoring(workspaceId)),
);
