import { randomUUID } from 'node:crypto';
import { type LocalStack, startLocalStack } from '@rapport/local/stack';
import { inject } from 'vitest';

export interface TestStack extends LocalStack {
  /** Calls the API with the workspace's key; JSON in, response out. */
  api(
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
    // biome-ignore lint/suspicious/noExplicitAny: tests read bodies field by field
  ): Promise<{ status: number; headers: Headers; body: any }>;
}

/** Starts the whole local stack in this process, on its own table. */
export const startTestStack = async (
  options: { timeScale?: number } = {},
): Promise<TestStack> => {
  const stack = await startLocalStack({
    port: 0,
    tableName: `e2e-${randomUUID()}`,
    dynamoEndpoint: inject('dynamoEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    timeScale: options.timeScale ?? 1,
    log: (entry) => {
      if (entry.level === 'ERROR') console.error(JSON.stringify(entry));
    },
  });

  return {
    ...stack,
    api: async (path, init = {}) => {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${stack.apiKey}`,
          ...(init.body === undefined
            ? {}
            : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : JSON.stringify(init.body),
      });
      const text = await response.text();

      return {
        status: response.status,
        headers: response.headers,
        body:
          text && response.headers.get('content-type')?.includes('json')
            ? JSON.parse(text)
            : text,
      };
    },
  };
};
