import { blueprint } from '@rapport/blueprint';
import { isWellFormedPath, routeMatcher } from '@rapport/local/http/routes';
import { waitMilliseconds } from '@rapport/local/sfn/scaled-waits';
import { describe, expect, it } from 'vitest';

const match = routeMatcher(blueprint.routes);

describe('the local API routes requests as API Gateway does', () => {
  it.each([
    ['POST', '/v1/contacts', 'contactCreate', undefined],
    ['GET', '/v1/contacts/ct_1', 'contactGet', { id: 'ct_1' }],
    ['GET', '/v1/contacts/ct_1/timeline', 'contactTimeline', { id: 'ct_1' }],
    ['OPTIONS', '/v1/forms/frm_1/submissions', 'formSubmit', { id: 'frm_1' }],
    ['GET', '/v1/contacts/a%20b', 'contactGet', { id: 'a b' }],
    ['PUT', '/v1/contacts/ct_1', 'notFound', undefined],
    ['GET', '/v1/contacts/ct_1/unknown', 'notFound', undefined],
  ])('sends %s %s to %s', (method, path, fn, parameters) => {
    const route = match(method, path);

    expect(route?.function).toBe(fn);
    expect(route?.pathParameters).toEqual(parameters);
  });
});

describe('a path with malformed percent-encoding', () => {
  it.each([
    '/v1/contacts/%',
    '/v1/contacts/%ZZ',
    '/v1/contacts/%C0%AE',
    '/%ZZ',
  ])('%s is refused, not routed', (path) => {
    expect(isWellFormedPath(path)).toBe(false);
    expect(match('GET', path)?.pathParameters).toBeUndefined();
  });

  it.each(['/v1/contacts/a%20b', '/v1/contacts/%C3%A9'])(
    '%s is well formed',
    (path) => {
      expect(isWellFormedPath(path)).toBe(true);
    },
  );
});

describe('scaled waits read the Wait state as Step Functions does', () => {
  it.each([
    [{ Seconds: 30 }, {}, 30_000],
    [
      { SecondsPath: '$.step.waitSeconds' },
      { step: { waitSeconds: 86_400 } },
      86_400_000,
    ],
    [{ Timestamp: '2026-12-04T00:01:00Z' }, {}, 60_000],
    [{ TimestampPath: '$.at' }, { at: '2026-12-03T00:00:00Z' }, 0],
  ])('waits %j with input %j for %i ms', (state, input, ms) => {
    expect(
      waitMilliseconds(
        { Type: 'Wait', ...state },
        input,
        Date.parse('2026-12-04T00:00:00Z'),
      ),
    ).toBe(ms);
  });
});
