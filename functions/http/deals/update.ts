import {
  apiHandler,
  dealUpdateSchema,
  etag,
  json,
  jsonBody,
  parseBody,
  parseParams,
  requireVersion,
  seenVersion,
  updateDeal,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { version, ...patch } = parseBody(dealUpdateSchema, jsonBody(event));
  const seen = requireVersion(seenVersion(event, version));
  const deal = await updateDeal(workspaceId, id, patch, seen, {
    actor: { type: 'api_key' },
  });

  return json(200, deal, etag(deal.version));
});
