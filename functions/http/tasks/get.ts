import { apiHandler, etag, getTask, json, parseParams } from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const task = await getTask(workspaceId, id);

  return json(200, task, etag(task.version));
});
