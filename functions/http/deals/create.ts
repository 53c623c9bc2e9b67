import {
  apiHandler,
  createDeal,
  dealCreateSchema,
  etag,
  json,
  jsonBody,
  parseBody,
} from '@rapport/core';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(dealCreateSchema, jsonBody(event));
  const deal = await createDeal(workspaceId, input, {
    actor: { type: 'api_key' },
  });

  return json(201, deal, {
    location: `/v1/deals/${deal.id}`,
    ...etag(deal.version),
  });
});
