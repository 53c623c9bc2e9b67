import {
  apiHandler,
  deleteTag,
  noContent,
  parseParams,
  tagParamSchema,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { tag } = parseParams(
    event.pathParameters,
    { tag: tagParamSchema },
    'path',
  );
  await deleteTag(workspaceId, tag, { type: 'api_key' });

  return noContent();
});
