import {
  apiHandler,
  emailSchema,
  json,
  pageQuery,
  parseParams,
  queryContacts,
  readContactByEmail,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const query = parseParams(
    event.queryStringParameters,
    { ...pageQuery, email: z.optional(emailSchema) },
    'query',
  );

  if (query.email !== undefined) {
    const found = await readContactByEmail(workspaceId, query.email);

    return json(200, { items: found ? [found] : [], nextCursor: null });
  }

  return json(200, await queryContacts(workspaceId, query.limit, query.cursor));
});
