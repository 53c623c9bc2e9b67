import {
  apiHandler,
  createTask,
  etag,
  json,
  jsonBody,
  parseBody,
  taskCreateSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(taskCreateSchema, jsonBody(event));
  const task = await createTask(workspaceId, input, { type: 'api_key' });

  return json(201, task, {
    location: `/v1/tasks/${task.id}`,
    ...etag(task.version),
  });
});
