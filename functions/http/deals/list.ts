import {
  apiHandler,
  dealFilterSchema,
  json,
  listDeals,
  pageQuery,
  parseParams,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { limit, cursor, ...filter } = parseParams(
    event.queryStringParameters,
    { ...pageQuery, ...dealFilterSchema },
    'query',
  );

  return json(200, await listDeals(workspaceId, filter, limit, cursor));
});
