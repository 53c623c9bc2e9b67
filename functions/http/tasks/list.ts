import {
  apiHandler,
  json,
  listOpenTasks,
  pageQuery,
  parseParams,
  taskListQuery,
} from '@rapport/core';

/** A rep's to-do list: `?owner=&due=overdue|today|week&tz=`. */
export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const query = parseParams(
    event.queryStringParameters,
    { ...pageQuery, ...taskListQuery },
    'query',
  );

  return json(
    200,
    await listOpenTasks(workspaceId, query, query.limit, query.cursor),
  );
});
