import {
  apiHandler,
  getSegment,
  json,
  parseParams,
  segmentCount,
} from '@rapport/core';
import * as z from 'zod/mini';

/** A segment with how many contacts it holds now. */
export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const segment = await getSegment(workspaceId, id);

  return json(200, { ...segment, count: await segmentCount(workspaceId, id) });
});
