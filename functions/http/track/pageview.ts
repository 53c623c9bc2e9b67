import {
  apiHandler,
  json,
  jsonBody,
  noContent,
  pageViewInputSchema,
  parseBody,
  recordPageView,
} from '@rapport/core';

/** Any page may report views; the script sends no credentials. */
const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

/**
 * The tracking script's endpoint. It answers the visitor id to keep in the
 * page's own storage and send with the next view and with form submits.
 */
export const handler = apiHandler({ public: true }, async ({ event }) => {
  if (event.requestContext.http.method === 'OPTIONS') return noContent(cors);

  const input = parseBody(pageViewInputSchema, jsonBody(event));
  const outcome = await recordPageView(input);

  return json(202, { visitorId: outcome.visitorId }, cors);
});
