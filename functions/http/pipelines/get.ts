import {
  apiHandler,
  etag,
  getPipeline,
  json,
  parseParams,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const pipeline = await getPipeline(workspaceId, id);

  return json(200, pipeline, etag(pipeline.version));
});
