import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let formId: string;

beforeAll(async () => {
  stack = await startTestStack();
  const form = await stack.api('/v1/forms', {
    body: { name: 'Gated', allowedOrigins: ['https://landing.example'] },
  });
  formId = form.body.id;
});

afterAll(async () => {
  await stack?.stop();
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  stack.api(path, { method: 'POST', body, headers });

describe('the API refuses bad input with one error shape', () => {
  it.each([
    {
      title: 'no API key',
      act: () =>
        fetch(`${stack.apiUrl}/v1/contacts`).then(async (r) => ({
          status: r.status,
          body: await r.json(),
        })),
      status: 401,
      code: 'auth.unauthorized',
    },
    {
      title: 'a wrong API key',
      act: () =>
        stack.api('/v1/contacts', {
          headers: { authorization: 'Bearer rpk_wrong' },
        }),
      status: 401,
      code: 'auth.unauthorized',
    },
    {
      title: 'malformed JSON',
      act: () =>
        post('/v1/contacts', '{"email": ', {
          'content-type': 'application/json',
        }),
      status: 400,
      code: 'request.invalid_json',
    },
    {
      title: 'a wrong content type',
      act: () =>
        post('/v1/contacts', 'email=a@b.co', { 'content-type': 'text/plain' }),
      status: 415,
      code: 'request.unsupported_media_type',
    },
    {
      title: 'a body over 1 MB',
      act: () =>
        post(
          '/v1/contacts',
          JSON.stringify({
            email: 'a@example.com',
            company: 'x'.repeat(1_100_000),
          }),
          { 'content-type': 'application/json' },
        ),
      status: 413,
      code: 'request.too_large',
    },
    {
      title: 'an unknown form',
      act: () =>
        post('/v1/forms/frm_missing/submissions', 'email=a@example.com', {
          'content-type': 'application/x-www-form-urlencoded',
        }),
      status: 404,
      code: 'form.not_found',
    },
    {
      title: 'an unknown route',
      act: () => stack.api('/v1/nothing-here'),
      status: 404,
      code: 'route.not_found',
    },
    {
      title: 'a form post from an origin the form does not allow',
      act: () =>
        post(`/v1/forms/${formId}/submissions`, 'email=a@example.com', {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        }),
      status: 403,
      code: 'form.origin_not_allowed',
    },
  ])('answers $status for $title', async ({ act, status, code }) => {
    const response = await act();

    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
    expect(Array.isArray(response.body.error.details)).toBe(true);
  });

  it('names every bad field and stores nothing', async () => {
    const email = uniqueEmail('bad');

    const response = await stack.api('/v1/contacts', {
      body: {
        email,
        firstName: 'x'.repeat(101),
        tags: 'vip',
        id: 'ct_mine',
        version: 9,
        lifecycleStage: 'boss',
      },
    });

    expect(response.status).toBe(400);
    expect(
      response.body.error.details.map((d: { path: string }) => d.path).sort(),
    ).toEqual(['firstName', 'id', 'lifecycleStage', 'tags', 'version']);
    const found = await stack.api(
      `/v1/contacts?email=${encodeURIComponent(email)}`,
    );
    expect(found.body.items).toEqual([]);
  });

  it('refuses an invalid email on a form with its path', async () => {
    const response = await post(
      `/v1/forms/${formId}/submissions`,
      JSON.stringify({ email: 'not-an-email' }),
      { 'content-type': 'application/json' },
    );

    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { path: 'email', message: 'Not a valid email address' },
    ]);
  });

  it('answers 409 naming the contact that holds an email', async () => {
    const email = uniqueEmail('dup');
    const first = await stack.api('/v1/contacts', { body: { email } });

    const second = await stack.api('/v1/contacts', {
      body: { email: email.toUpperCase() },
    });

    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'contact.email_taken',
      contactId: first.body.id,
    });
  });

  it('requires the version seen and refuses a stale one', async () => {
    const created = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('v') },
    });
    const path = `/v1/contacts/${created.body.id}`;

    const missing = await stack.api(path, {
      method: 'PATCH',
      body: { company: 'A' },
    });
    const fresh = await stack.api(path, {
      method: 'PATCH',
      body: { company: 'A' },
      headers: { 'if-match': '"1"' },
    });
    const stale = await stack.api(path, {
      method: 'PATCH',
      body: { company: 'B', version: 1 },
    });

    expect(missing.status).toBe(428);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('contact.version_conflict');
    expect((await stack.api(path)).body.company).toBe('A');
  });

  it('answers a CORS preflight for an allowed origin', async () => {
    const response = await fetch(
      `${stack.apiUrl}/v1/forms/${formId}/submissions`,
      {
        method: 'OPTIONS',
        headers: {
          origin: 'https://landing.example',
          'access-control-request-method': 'POST',
        },
      },
    );

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(
      'https://landing.example',
    );
  });

  it('serves its OpenAPI document without a key', async () => {
    const response = await fetch(`${stack.apiUrl}/v1/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };

    expect(response.status).toBe(200);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/v1/forms/{id}/submissions');
  });
});
