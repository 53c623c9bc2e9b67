import { apiHandler, etag, getDeal, json, parseParams } from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const deal = await getDeal(workspaceId, id);

  return json(200, deal, etag(deal.version));
});
