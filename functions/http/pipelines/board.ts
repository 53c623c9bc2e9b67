import {
  apiHandler,
  DomainError,
  json,
  pageQuery,
  parseParams,
  readBoard,
} from '@rapport/core';
import * as z from 'zod/mini';

export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const query = parseParams(
    event.queryStringParameters,
    { ...pageQuery, stageId: z.optional(z.string()) },
    'query',
  );
  // Each stage pages on its own, so a cursor belongs to one stage.
  if (query.cursor && !query.stageId) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      [
        {
          path: 'query.stageId',
          message: 'A cursor needs the stage it came from',
        },
      ],
    );
  }

  return json(200, await readBoard(workspaceId, id, query));
});
