import {
  apiHandler,
  createCustomField,
  customFieldCreateSchema,
  etag,
  json,
  jsonBody,
  parseBody,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(customFieldCreateSchema, jsonBody(event));
  const field = await createCustomField(workspaceId, input, {
    type: 'api_key',
  });

  return json(201, field, {
    location: `/v1/custom-fields/${field.key}`,
    ...etag(field.version),
  });
});
