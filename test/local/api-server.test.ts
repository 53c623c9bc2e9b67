import { blueprint } from '@rapport/blueprint';
import { startApiServer } from '@rapport/local/http/api-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const logged: Record<string, unknown>[] = [];
let server: Awaited<ReturnType<typeof startApiServer>>;

beforeAll(async () => {
  server = await startApiServer({
    port: 0,
    routes: blueprint.routes,
    intercept: (path) => {
      if (path === '/boom') throw new Error('interceptor broke');
      return undefined;
    },
    log: (entry) => logged.push(entry),
  });
});

afterAll(() => server.stop());

describe('the local API server never falls over on one request', () => {
  it.each([
    '/v1/contacts/%',
    '/v1/contacts/%ZZ',
    '/v1/contacts/%C0%AE',
    '/%ZZ',
  ])('answers %s with 400 as API Gateway does', async (path) => {
    const response = await fetch(`${server.url}${path}`);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'Bad Request' });
  });

  it('answers a crash inside the request handler with 500 and logs it', async () => {
    const response = await fetch(`${server.url}/boom`);

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      message: 'Internal Server Error',
    });
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        error: expect.stringContaining('interceptor broke'),
      }),
    );
  });

  it('still serves requests after all of that', async () => {
    const response = await fetch(`${server.url}/v1/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: expect.any(String) },
    });
  });
});
