import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../errors';

/** Largest body any route accepts, in bytes. */
export const maxBodyBytes = 1024 * 1024;

export type FormFields = Record<string, string | string[]>;

const bodyBuffer = (event: APIGatewayProxyEventV2): Buffer => {
  const raw = event.body ?? '';
  const buffer = Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8');

  if (buffer.byteLength > maxBodyBytes) {
    throw new DomainError(
      413,
      'request.too_large',
      `The body is larger than ${maxBodyBytes} bytes.`,
    );
  }

  return buffer;
};

export const mediaType = (event: APIGatewayProxyEventV2): string =>
  (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ??
  '';

const unsupported = (accepted: string) =>
  new DomainError(
    415,
    'request.unsupported_media_type',
    `Send the body as ${accepted}.`,
    [{ path: 'content-type', message: `Expected ${accepted}` }],
  );

/** The JSON body of a request, refusing other media types and bad syntax. */
export const jsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const type = mediaType(event);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw unsupported('application/json');
  }

  const text = bodyBuffer(event).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      400,
      'request.invalid_json',
      'The body is not valid JSON.',
      [{ path: '(body)', message: (error as Error).message }],
    );
  }
};

const addField = (fields: FormFields, name: string, value: string) => {
  // `__proto__` would set the object's prototype rather than a field.
  if (name === '__proto__') return;
  // Own fields only: `toString` must not find Object.prototype.toString.
  const existing = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (existing === undefined) fields[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else fields[name] = [existing, value];
};

/**
 * Parses multipart/form-data with the runtime's own parser (the Fetch API's
 * `formData()`), which costs the bundle nothing. Forms here take no files.
 */
const multipartFields = async (
  event: APIGatewayProxyEventV2,
  body: Buffer,
): Promise<FormFields> => {
  const malformed = (message: string) =>
    new DomainError(400, 'request.invalid_multipart', message);
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { 'content-type': event.headers['content-type'] ?? '' },
    }).formData();
  } catch {
    throw malformed('The multipart body could not be parsed.');
  }

  const fields: FormFields = {};
  for (const [name, value] of form) {
    // Files are not stored; a file input, even an empty one, must not cost
    // the lead, so its part is left out.
    if (typeof value !== 'string') continue;
    addField(fields, name, value);
  }

  return fields;
};

const isText = (value: unknown) => typeof value === 'string';

/** A JSON form post must look like a form: names to text or lists of text. */
const jsonFormFields = (body: unknown): FormFields => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'A form post is an object of fields.',
      [{ path: '(body)', message: 'Expected an object' }],
    );
  }
  // JSON.parse makes `__proto__` an own field; no form has one.
  Reflect.deleteProperty(body, '__proto__');
  const details = Object.entries(body)
    .filter(
      ([, value]) =>
        !(isText(value) || (Array.isArray(value) && value.every(isText))),
    )
    .map(([name]) => ({
      path: name,
      message: 'Expected text or a list of text',
    }));
  if (details.length > 0) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      details,
    );
  }

  return body as FormFields;
};

/**
 * The fields of a form post, sent as urlencoded, multipart or JSON. JSON
 * values that are not strings are refused, since a form has only text.
 */
export const formBody = async (
  event: APIGatewayProxyEventV2,
): Promise<FormFields> => {
  const type = mediaType(event);
  const body = bodyBuffer(event);

  if (type === 'application/x-www-form-urlencoded') {
    const fields: FormFields = {};
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
      addField(fields, name, value);
    }

    return fields;
  }
  if (type === 'multipart/form-data') return multipartFields(event, body);
  if (type === 'application/json' || type.endsWith('+json')) {
    return jsonFormFields(jsonBody(event));
  }
  throw unsupported(
    'application/x-www-form-urlencoded, multipart/form-data or application/json',
  );
};
