import { apiHandler, DomainError } from '@rapport/core';

export const handler = apiHandler({ public: true }, async ({ event }) => {
  throw new DomainError(
    404,
    'route.not_found',
    `No route answers ${event.requestContext.http.method} ${event.rawPath}.`,
  );
});
