import { type DomainError, formBody, jsonBody } from '@rapport/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';

const event = (
  contentType: string,
  body: string | Buffer,
): APIGatewayProxyEventV2 =>
  ({
    headers: { 'content-type': contentType },
    body: Buffer.isBuffer(body) ? body.toString('base64') : body,
    isBase64Encoded: Buffer.isBuffer(body),
  }) as unknown as APIGatewayProxyEventV2;

const failure = async (act: () => unknown) => {
  try {
    await act();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('Expected a failure');
};

const multipart = (fields: [string, string][], file = false) => {
  const boundary = 'XyZ';
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  if (file)
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="cv"; filename="cv.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
    );

  return event(
    `multipart/form-data; boundary=${boundary}`,
    Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
  );
};

describe('request bodies', () => {
  it('reads JSON with a charset parameter', () => {
    expect(
      jsonBody(event('application/json; charset=utf-8', '{"a":1}')),
    ).toEqual({ a: 1 });
  });

  it('reads repeated urlencoded fields as a list', async () => {
    expect(
      await formBody(
        event(
          'application/x-www-form-urlencoded',
          'email=a%40b.co&topic=x&topic=y',
        ),
      ),
    ).toEqual({
      email: 'a@b.co',
      topic: ['x', 'y'],
    });
  });

  it('reads multipart fields, base64-encoded as API Gateway sends them', async () => {
    expect(
      await formBody(
        multipart([
          ['email', 'a@b.co'],
          ['first_name', 'Zoë'],
        ]),
      ),
    ).toEqual({ email: 'a@b.co', first_name: 'Zoë' });
  });

  it('leaves out a file upload and keeps the other fields', async () => {
    expect(await formBody(multipart([['email', 'a@b.co']], true))).toEqual({
      email: 'a@b.co',
    });
  });

  it.each([
    {
      title: 'a multipart body without its boundary',
      act: () => formBody(event('multipart/form-data', 'garbage')),
      status: 400,
      code: 'request.invalid_multipart',
    },
    {
      title: 'malformed JSON',
      act: () => jsonBody(event('application/json', '{')),
      status: 400,
      code: 'request.invalid_json',
    },
    {
      title: 'JSON sent as text',
      act: () => jsonBody(event('text/plain', '{}')),
      status: 415,
      code: 'request.unsupported_media_type',
    },
    {
      title: 'a form sent as XML',
      act: () => formBody(event('application/xml', '<a/>')),
      status: 415,
      code: 'request.unsupported_media_type',
    },
    {
      title: 'a body over 1 MB',
      act: () =>
        jsonBody(event('application/json', `"${'x'.repeat(1024 * 1024)}"`)),
      status: 413,
      code: 'request.too_large',
    },
  ])('refuses $title', async ({ act, status, code }) => {
    const error = await failure(act);

    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });
});
