import {
  apiHandler,
  createForm,
  formCreateSchema,
  json,
  jsonBody,
  parseBody,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(formCreateSchema, jsonBody(event));
  const form = await createForm(workspaceId, input);

  return json(201, form, { location: `/v1/forms/${form.id}` });
});
