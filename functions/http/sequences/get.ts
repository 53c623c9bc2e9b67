import { apiHandler, getSequence, json, parseParams } from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');

  return json(200, await getSequence(workspaceId, id));
});
