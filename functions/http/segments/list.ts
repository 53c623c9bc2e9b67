import {
  apiHandler,
  json,
  listSegments,
  pageQuery,
  parseParams,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const query = parseParams(event.queryStringParameters, pageQuery, 'query');

  return json(200, await listSegments(workspaceId, query.limit, query.cursor));
});
