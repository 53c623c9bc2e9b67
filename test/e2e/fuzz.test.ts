import { blueprint } from '@rapport/blueprint';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

// Bad input is the client's error: whatever arrives, no route answers 5xx.
let stack: TestStack;
let ids: string[];

beforeAll(async () => {
  stack = await startTestStack();
  const contact = await stack.api('/v1/contacts', {
    body: { email: 'fuzz@example.com' },
  });
  const form = await stack.api('/v1/forms', { body: { name: 'Fuzz' } });
  ids = [contact.body.id, form.body.id, 'x', '%00', 'ct_'.padEnd(300, 'A')];
});

afterAll(async () => {
  await stack?.stop();
});

const routes = blueprint.routes.filter(
  (route) => route.routeKey !== '$default',
);

const request = fc.record({
  route: fc.constantFrom(...routes.map((route) => route.routeKey)),
  id: fc.integer({ min: 0, max: 4 }),
  contentType: fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=b',
    'text/plain',
    '',
  ),
  body: fc.oneof(
    fc.json(),
    fc.string(),
    fc
      .dictionary(
        fc.constantFrom(
          'email',
          'firstName',
          'tags',
          'customFields',
          'name',
          'steps',
          'version',
          'id',
          'sequenceId',
          'allowedOrigins',
          'redirectUrl',
        ),
        fc.jsonValue(),
      )
      .map((value) => JSON.stringify(value)),
  ),
  query: fc.constantFrom(
    '',
    '?limit=0',
    '?limit=abc',
    '?cursor=%%%',
    '?email=nope',
    '?limit=100&cursor=eyJ2IjoxLCJhZnRlciI6IngifQ',
  ),
  ifMatch: fc.option(fc.constantFrom('"1"', 'W/"2"', 'garbage', '"-1"')),
  authorized: fc.boolean(),
});

describe('every route under random input', () => {
  it('answers 2xx, 3xx or 4xx with the error shape, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const [method = 'GET', path = '/'] = input.route.split(' ');
        const url = `${stack.apiUrl}${path.replace('{id}', encodeURIComponent(ids[input.id] ?? 'x'))}${input.query}`;
        const headers: Record<string, string> = {};
        if (input.contentType) headers['content-type'] = input.contentType;
        if (input.authorized) headers.authorization = `Bearer ${stack.apiKey}`;
        if (input.ifMatch) headers['if-match'] = input.ifMatch;

        const response = await fetch(url, {
          method,
          headers,
          body: ['GET', 'DELETE', 'OPTIONS'].includes(method)
            ? undefined
            : input.body,
        });
        const text = await response.text();

        expect(
          response.status,
          `${method} ${url} ${input.body} -> ${text}`,
        ).toBeLessThan(500);
        if (response.status >= 400) {
          const error = JSON.parse(text).error;
          expect(typeof error.code).toBe('string');
          expect(Array.isArray(error.details)).toBe(true);
        }
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 20261204) },
    );
  }, 120_000);
});
