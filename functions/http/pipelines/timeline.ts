import {
  apiHandler,
  json,
  parseParams,
  readRecordTimeline,
  timelineFilter,
  timelineQuery,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const query = parseParams(
    event.queryStringParameters,
    timelineQuery,
    'query',
  );

  return json(
    200,
    await readRecordTimeline(
      workspaceId,
      { type: 'pipeline', id },
      query.limit,
      query.cursor,
      timelineFilter(query),
    ),
  );
});
