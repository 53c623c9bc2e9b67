import {
  apiHandler,
  dealStatusSchema,
  getContact,
  json,
  listDeals,
  pageQuery,
  parseParams,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { limit, cursor, status } = parseParams(
    event.queryStringParameters,
    { ...pageQuery, status: z.optional(dealStatusSchema) },
    'query',
  );
  const page = await listDeals(
    workspaceId,
    { contactId: id, status },
    limit,
    cursor,
  );
  if (page.items.length === 0 && !cursor) await getContact(workspaceId, id);

  return json(200, page);
});
