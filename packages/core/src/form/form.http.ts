import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../errors';
import { mediaType } from '../http/body';
import type { Form } from './form.schema';

/**
 * The CORS headers for a form's public endpoint. A form with no allowed
 * origins takes posts from any page; otherwise only from those listed.
 */
export const corsHeaders = (
  form: Form,
  event: APIGatewayProxyEventV2,
): Record<string, string> => {
  const origin = event.headers.origin;
  if (!origin) return {};
  if (form.allowedOrigins.length > 0 && !form.allowedOrigins.includes(origin)) {
    throw new DomainError(
      403,
      'form.origin_not_allowed',
      `This form does not take submissions from ${origin}.`,
      [{ path: 'origin', message: "Not in the form's allowed origins" }],
    );
  }

  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
    vary: 'origin',
  };
};

/** Whether the post came from an HTML form, which expects to be redirected. */
export const isBrowserFormPost = (event: APIGatewayProxyEventV2): boolean =>
  ['application/x-www-form-urlencoded', 'multipart/form-data'].includes(
    mediaType(event),
  );
