import {
  apiHandler,
  pageViewInputSchema,
  parseBody,
  recordPageView,
} from '@rapport/core';

/** A transparent 1x1 GIF. */
const pixel = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const cookieName = 'rapport_vid';
const yearSeconds = 365 * 86_400;

const cookie = (cookies: string[] | undefined) =>
  cookies
    ?.map((entry) => entry.split('='))
    .find(([name]) => name === cookieName)?.[1];

/**
 * `GET /v1/track/pixel.gif?w=&u=&r=&t=&rid=&vid=`: a page view for pages
 * that run no script. The visitor id comes from `vid` or the cookie set by
 * an earlier view, where the browser keeps third-party cookies.
 */
export const handler = apiHandler({ public: true }, async ({ event }) => {
  const query = event.queryStringParameters ?? {};
  const vid = query.vid ?? cookie(event.cookies);
  const input = parseBody(pageViewInputSchema, {
    w: query.w,
    url: query.u,
    ...(query.r !== undefined ? { referrer: query.r } : {}),
    ...(query.t !== undefined ? { title: query.t } : {}),
    ...(query.rid !== undefined ? { rid: query.rid } : {}),
    ...(vid !== undefined ? { vid } : {}),
  });
  const outcome = await recordPageView(input);

  return {
    statusCode: 200,
    headers: {
      'content-type': 'image/gif',
      'cache-control': 'no-store, max-age=0',
    },
    cookies: [
      `${cookieName}=${outcome.visitorId}; Max-Age=${yearSeconds}; Path=/v1/track; SameSite=None; Secure; HttpOnly`,
    ],
    isBase64Encoded: true,
    body: pixel,
  };
});
