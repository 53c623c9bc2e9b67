import {
  apiHandler,
  json,
  jsonBody,
  parseBody,
  parseParams,
  renameTag,
  tagParamSchema,
  tagRenameSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { tag } = parseParams(
    event.pathParameters,
    { tag: tagParamSchema },
    'path',
  );
  const { name } = parseBody(tagRenameSchema, jsonBody(event));

  return json(
    200,
    await renameTag(workspaceId, tag, name, { type: 'api_key' }),
  );
});
