import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { blueprint, type FunctionName } from '@rapport/blueprint';
import type { Context } from 'aws-lambda';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** The repository root, where blueprint entries are relative to. */
export const repositoryRoot = resolve(import.meta.dirname, '../../../..');

const loaded = new Map<FunctionName, Promise<Handler>>();

const load = (name: FunctionName): Promise<Handler> => {
  let handler = loaded.get(name);
  if (!handler) {
    const entry = resolve(repositoryRoot, blueprint.functions[name].entry);
    handler = import(pathToFileURL(entry).href).then(
      (module: { handler: Handler }) => module.handler,
    );
    loaded.set(name, handler);
  }

  return handler;
};

const context = (name: FunctionName, deadline: number): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: `rapport-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:rapport-${name}`,
  memoryLimitInMB: String(blueprint.functions[name].memory),
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/rapport-${name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Raised when a handler runs past its declared timeout, as Lambda would. */
export class FunctionTimeout extends Error {
  override name = 'Sandbox.Timedout';
}

/**
 * Calls a blueprint function's handler in this process, with a Lambda-shaped
 * context and the function's timeout.
 */
export const invokeFunction = async (
  name: FunctionName,
  event: unknown,
): Promise<unknown> => {
  const handler = await load(name);
  const timeoutMs = blueprint.functions[name].timeout * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new FunctionTimeout(`${name} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });

  try {
    return await Promise.race([
      handler(event, context(name, Date.now() + timeoutMs)),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
};
