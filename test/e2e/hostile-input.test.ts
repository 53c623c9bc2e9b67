import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

// Inputs a tester sent that once answered 5xx, leaked files or lost leads.
let stack: TestStack;
let formId: string;

beforeAll(async () => {
  stack = await startTestStack({ timeScale: 86_400 });
  formId = (await stack.api('/v1/forms', { body: { name: 'Hostile' } })).body
    .id;
});

afterAll(async () => {
  await stack?.stop();
});

const submit = (
  body: string,
  contentType = 'application/x-www-form-urlencoded',
) =>
  fetch(`${stack.apiUrl}/v1/forms/${formId}/submissions`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  }).then(async (response) => ({
    status: response.status,
    body: await response.json(),
  }));

describe('input that names built-in object properties', () => {
  it('refuses a custom field called constructor, naming it, and takes toString', async () => {
    const refused = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('ctor'), customFields: { constructor: 'x' } },
    });
    const created = await stack.api('/v1/contacts', {
      body: {
        email: uniqueEmail('ctor'),
        customFields: { toString: 'y', valueOf: 'z' },
      },
    });

    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('customFields.constructor');
    expect(created.status).toBe(201);
    expect(created.body.customFields).toEqual({ toString: 'y', valueOf: 'z' });
  });

  it('keeps a lead whose form has fields called constructor, toString and valueOf', async () => {
    const email = uniqueEmail('proto');

    const response = await submit(
      `email=${encodeURIComponent(email)}&constructor=c&toString=t&valueOf=v`,
    );
    expect(response.status).toBe(201);
    const found = await stack.api(
      `/v1/contacts?email=${encodeURIComponent(email)}`,
    );
    expect(found.body.items[0].customFields).toEqual({
      f_constructor: 'c',
      toString: 't',
      valueOf: 'v',
    });
  });

  it('ignores a __proto__ key in a JSON form post', async () => {
    const email = uniqueEmail('json-proto');

    const response = await submit(
      `{"email":"${email}","__proto__":{"admin":true}}`,
      'application/json',
    );

    expect(response.status).toBe(201);
  });

  it('refuses a JSON form body that is not an object', async () => {
    for (const body of [
      'null',
      '[1,2]',
      '"text"',
      '{"email":{"nested":true}}',
    ]) {
      const response = await submit(body, 'application/json');

      expect(response.status, body).toBe(400);
    }
  });
});

describe('sizes past what DynamoDB stores', () => {
  it('answers 404 for an id too long to be a key', async () => {
    const id = 'ct_'.padEnd(3000, 'A');

    for (const path of [
      `/v1/contacts/${id}`,
      `/v1/contacts/${id}/timeline`,
      `/v1/sequences/${id}`,
      `/v1/forms/${id}`,
    ]) {
      expect((await stack.api(path)).status, path).toBe(404);
    }
    expect(
      (
        await fetch(`${stack.apiUrl}/v1/forms/${id}/submissions`, {
          method: 'POST',
          body: 'email=a@example.com',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a contact too large to store, naming why', async () => {
    const lists = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [
        `list${i}`,
        Array(60).fill('x'.repeat(2000)),
      ]),
    );

    const response = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('huge'), customFields: lists },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('contact.too_large');
  });

  it('refuses a form post that would grow a contact past what can be stored', async () => {
    const email = uniqueEmail('grow');
    const fields = (prefix: string) =>
      Array.from(
        { length: 99 },
        (_, i) => `${prefix}${i}=${'y'.repeat(1900)}`,
      ).join('&');
    await submit(`email=${encodeURIComponent(email)}&${fields('a')}`);

    const second = await submit(
      `email=${encodeURIComponent(email)}&${fields('b')}`,
    );

    expect(second.status).toBe(400);
  });

  it('refuses a merge that takes a contact past the custom field limit', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`f${i}`, i]),
    );
    const created = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('limit'), customFields: many },
    });

    const patched = await stack.api(`/v1/contacts/${created.body.id}`, {
      method: 'PATCH',
      body: { customFields: { extra: 1 }, version: 1 },
    });

    expect(created.status).toBe(201);
    expect(patched.status).toBe(400);
    expect(patched.body.error.details[0].path).toBe('customFields');
  });
});

describe('sequences that must be refused or contained', () => {
  it.each([
    ['a negative wait', { type: 'wait', duration: '-P1D' }],
    ['a wait under a second', { type: 'wait', duration: 'PT0.5S' }],
    [
      'an include',
      { type: 'email', subject: 's', text: "{% include 'package.json' %}" },
    ],
    [
      'a render',
      { type: 'email', subject: 's', text: "{% render 'README.md' %}" },
    ],
    [
      'a layout',
      { type: 'email', subject: 's', text: "{% layout 'README.md' %}x" },
    ],
  ])('refuses %s', async (_title, step) => {
    const response = await stack.api('/v1/sequences', {
      body: {
        name: 'S',
        steps: [{ type: 'email', subject: 'a', text: 'b' }, step],
      },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toMatch(/^steps\[1\]/);
  });

  it('stops a run whose template takes too long to render, and says so on the timeline', async () => {
    const sequence = await stack.api('/v1/sequences', {
      body: {
        name: 'Loop',
        steps: [
          {
            type: 'email',
            subject: 'x',
            text: '{% for i in (1..50000000) %}{% endfor %}x',
          },
        ],
      },
    });
    const form = await stack.api('/v1/forms', {
      body: { name: 'Loop', sequenceId: sequence.body.id },
    });
    const email = uniqueEmail('loop');
    await fetch(`${stack.apiUrl}/v1/forms/${form.body.id}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });

    const contact = await eventually(
      async () =>
        (await stack.api(`/v1/contacts?email=${encodeURIComponent(email)}`))
          .body.items[0],
    );
    const completed = await eventually(async () => {
      const timeline = await stack.api(`/v1/contacts/${contact.id}/timeline`);
      return timeline.body.items.find(
        (item: { type: string }) => item.type === 'sequence.completed',
      );
    }, 20_000);

    expect(completed.data.reason).toBe('template_failed');
    expect((await fetch(`${stack.apiUrl}/health`)).status).toBe(200);
  }, 30_000);
});

describe('forms and fields', () => {
  it('refuses a honeypot named like a contact field', async () => {
    const response = await stack.api('/v1/forms', {
      body: { name: 'Bad', honeypotField: 'email' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('honeypotField');
  });

  it('stores a redirect URL percent-encoded', async () => {
    const response = await stack.api('/v1/forms', {
      body: { name: 'R', redirectUrl: 'https://ok.example/th anks?a=<b>' },
    });

    expect(response.body.redirectUrl).toBe(
      'https://ok.example/th%20anks?a=%3Cb%3E',
    );
  });

  it('refuses names with control characters or broken Unicode', async () => {
    for (const firstName of ['a\u0000b', 'a\r\nb', 'a\ud800b']) {
      const response = await stack.api('/v1/contacts', {
        body: { email: uniqueEmail('ctrl'), firstName },
      });

      expect(response.status, JSON.stringify(firstName)).toBe(400);
    }
  });

  it('keeps a lead whose browser form has an empty file input', async () => {
    const email = uniqueEmail('file');
    const body = [
      '------WebKitFormBoundary7MA4YWxk\r\nContent-Disposition: form-data; name="email"\r\n\r\n',
      email,
      '\r\n',
      '------WebKitFormBoundary7MA4YWxk\r\nContent-Disposition: form-data; name="cv"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n',
      '------WebKitFormBoundary7MA4YWxk--\r\n',
    ].join('');

    const response = await submit(
      body,
      'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk',
    );

    expect(response.status).toBe(201);
  });

  it('refuses a cursor from another listing', async () => {
    for (let i = 0; i < 3; i += 1)
      await stack.api('/v1/contacts', {
        body: { email: uniqueEmail(`page${i}`) },
      });
    const page = await stack.api('/v1/contacts?limit=1');
    const contactId = page.body.items[0].id;

    const misused = await stack.api(
      `/v1/contacts/${contactId}/timeline?cursor=${page.body.nextCursor}`,
    );

    expect(misused.status).toBe(400);
    expect(misused.body.error.code).toBe('request.invalid_cursor');
  });
});
