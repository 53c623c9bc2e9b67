import {
  apiHandler,
  deleteContact,
  noContent,
  parseParams,
  seenVersion,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { openDeals } = parseParams(
    event.queryStringParameters,
    { openDeals: z.optional(z.enum(['close_lost', 'detach'])) },
    'query',
  );
  await deleteContact(
    workspaceId,
    id,
    seenVersion(event, undefined),
    { type: 'api_key' },
    openDeals,
  );

  return noContent();
});
