import {
  apiHandler,
  createSegment,
  json,
  jsonBody,
  parseBody,
  segmentCreateSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(segmentCreateSchema, jsonBody(event));
  const segment = await createSegment(workspaceId, input);

  return json(201, segment, { location: `/v1/segments/${segment.id}` });
});
