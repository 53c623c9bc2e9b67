import {
  apiHandler,
  attachVisitor,
  corsHeaders,
  findPublicForm,
  formBody,
  isBrowserFormPost,
  json,
  noContent,
  parseParams,
  submitForm,
  visitorIdSchema,
  withTrackingId,
} from '@rapport/core';
import * as z from 'zod/mini';

/** The public endpoint that landing pages post to; it takes no API key. */
export const handler = apiHandler({ public: true }, async ({ event }) => {
  const { id } = parseParams(event.pathParameters, { id: z.string() }, 'path');
  const { workspaceId, form } = await findPublicForm(id);
  const cors = corsHeaders(form, event);

  if (event.requestContext.http.method === 'OPTIONS') return noContent(cors);

  const posted = await formBody(event);
  const outcome = await submitForm(workspaceId, form, posted);
  // A tracking script puts its visitor id in `_vid`: the views it saw
  // before this submit now belong to the contact.
  const visitor = visitorIdSchema.safeParse(posted._vid);
  if (outcome.status === 'accepted' && visitor.success) {
    await attachVisitor(workspaceId, visitor.data, outcome.contactId);
  }

  if (form.redirectUrl && isBrowserFormPost(event)) {
    // The signed `rid` lets the page that follows report views as this
    // contact's.
    const location =
      outcome.status === 'accepted'
        ? await withTrackingId(form.redirectUrl, workspaceId, outcome.contactId)
        : form.redirectUrl;

    return { statusCode: 303, headers: { ...cors, location } };
  }

  return json(
    201,
    { submissionId: outcome.submissionId, status: 'accepted' },
    cors,
  );
});
