import {
  apiHandler,
  json,
  pageQuery,
  parseParams,
  segmentContacts,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const query = parseParams(event.queryStringParameters, pageQuery, 'query');

  return json(
    200,
    await segmentContacts(workspaceId, id, query.limit, query.cursor),
  );
});
