import {
  apiHandler,
  json,
  jsonBody,
  parseBody,
  putScoring,
  scoringPutSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(scoringPutSchema, jsonBody(event));

  return json(200, await putScoring(workspaceId, input));
});
