import {
  apiHandler,
  getContact,
  json,
  parseParams,
  readLifetimeValue,
} from '@rapport/core';
import * as z from 'zod/mini';

/** A contact's revenue per currency, from its running aggregate. */
export const handler = apiHandler({}, async ({ event, workspaceId }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const [, amounts] = await Promise.all([
    getContact(workspaceId, id),
    readLifetimeValue(workspaceId, id),
  ]);

  return json(200, { contactId: id, amounts });
});
