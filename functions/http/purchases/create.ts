import {
  apiHandler,
  json,
  jsonBody,
  parseBody,
  purchaseCreateSchema,
  recordPurchase,
} from '@rapport/core';

/** Records an order; posting the same order again answers the first. */
export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const input = parseBody(purchaseCreateSchema, jsonBody(event));
  const { purchase, created } = await recordPurchase(workspaceId, input, {
    type: 'api_key',
  });

  return json(created ? 201 : 200, purchase, {
    location: `/v1/purchases/${encodeURIComponent(purchase.orderId)}`,
  });
});
