import {
  apiHandler,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  pipelineUpdateSchema,
  requireVersion,
  seenVersion,
  updatePipeline,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { version, ...patch } = parseBody(
    pipelineUpdateSchema,
    jsonBody(event),
  );
  const seen = requireVersion(seenVersion(event, version));
  const pipeline = await updatePipeline(workspaceId, id, patch, seen, {
    actor: { type: 'api_key' },
  });

  return json(200, pipeline, etag(pipeline.version));
});
