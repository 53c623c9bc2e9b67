import {
  apiHandler,
  createSequence,
  json,
  jsonBody,
  parseBody,
  sequenceCreateSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(sequenceCreateSchema, jsonBody(event));
  const sequence = await createSequence(workspaceId, input);

  return json(201, sequence, { location: `/v1/sequences/${sequence.id}` });
});
