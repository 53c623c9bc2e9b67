import {
  apiHandler,
  createPipeline,
  etag,
  json,
  jsonBody,
  parseBody,
  pipelineCreateSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(pipelineCreateSchema, jsonBody(event));
  const pipeline = await createPipeline(workspaceId, input, {
    actor: { type: 'api_key' },
  });

  return json(201, pipeline, {
    location: `/v1/pipelines/${pipeline.id}`,
    ...etag(pipeline.version),
  });
});
