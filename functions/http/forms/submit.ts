import {
  apiHandler,
  corsHeaders,
  findPublicForm,
  formBody,
  isBrowserFormPost,
  json,
  noContent,
  parseParams,
  submitForm,
} from '@rapport/core';
import * as z from 'zod/mini';

/** The public endpoint that landing pages post to; it takes no API key. */
export const handler = apiHandler({ public: true }, async ({ event }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { workspaceId, form } = await findPublicForm(id);
  const cors = corsHeaders(form, event);

  if (event.requestContext.http.method === 'OPTIONS') return noContent(cors);

  const outcome = await submitForm(workspaceId, form, await formBody(event));

  if (form.redirectUrl && isBrowserFormPost(event)) {
    return {
      statusCode: 303,
      headers: { ...cors, location: form.redirectUrl },
    };
  }

  return json(
    201,
    { submissionId: outcome.submissionId, status: 'accepted' },
    cors,
  );
});
