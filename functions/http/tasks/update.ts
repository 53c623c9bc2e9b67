import {
  apiHandler,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  requireVersion,
  seenVersion,
  taskUpdateSchema,
  updateTask,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { version, ...patch } = parseBody(taskUpdateSchema, jsonBody(event));
  const seen = requireVersion(seenVersion(event, version));
  const task = await updateTask(workspaceId, id, patch, seen, {
    type: 'api_key',
  });

  return json(200, task, etag(task.version));
});
