import { apiHandler, json, openApiDocument, operations } from '@rapport/core';

/** The API reference, built from the same schemas that check requests. */
export const handler = apiHandler({ public: true }, async () =>
  json(200, openApiDocument(operations, '1')),
);
