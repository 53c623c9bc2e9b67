import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { FunctionName, RouteSpec } from '@rapport/blueprint';
import { invokeFunction } from '../lambda/invoke';
import { toApiEvent } from './api-event';
import { isWellFormedPath, routeMatcher } from './routes';

/** API Gateway's own limit on a request body. */
const maxPayloadBytes = 10 * 1024 * 1024;

type Result = {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  body?: string;
  isBase64Encoded?: boolean;
  cookies?: string[];
};

const send = (response: ServerResponse, result: unknown) => {
  // A result without a status code is JSON with 200, as API Gateway reads it.
  const shaped: Result =
    result && typeof result === 'object' && 'statusCode' in result
      ? (result as Result)
      : {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(result),
        };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(shaped.headers ?? {}))
    headers[name] = String(value);
  if (shaped.cookies?.length) headers['set-cookie'] = shaped.cookies;
  response.writeHead(shaped.statusCode ?? 200, headers);
  response.end(
    shaped.body
      ? Buffer.from(shaped.body, shaped.isBase64Encoded ? 'base64' : 'utf8')
      : undefined,
  );
};

const gatewayError = (
  response: ServerResponse,
  status: number,
  message: string,
) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ message }));
};

/**
 * The HTTP API on one machine: each request becomes the payload v2 event the
 * deployed handler receives, routed by the blueprint's route keys.
 */
export const startApiServer = async (options: {
  port: number;
  host?: string;
  routes: RouteSpec<FunctionName>[];
  /** Answers instead of the routes while it returns a response. */
  intercept?: (path: string) => { status: number; body: unknown } | undefined;
  log: (entry: Record<string, unknown>) => void;
}): Promise<{ url: string; server: Server; stop(): Promise<void> }> => {
  const match = routeMatcher(options.routes);
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
  ) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!isWellFormedPath(url.pathname))
      return gatewayError(response, 400, 'Bad Request');
    const intercepted = options.intercept?.(url.pathname);
    if (intercepted) {
      response.writeHead(intercepted.status, {
        'content-type': 'application/json',
      });
      return response.end(JSON.stringify(intercepted.body));
    }
    const route = match(request.method ?? 'GET', url.pathname);
    if (!route) return gatewayError(response, 404, 'Not Found');
    const event = toApiEvent(request, url, route, body);
    send(response, await invokeFunction(route.function, event));
  };

  // One request can never take the process down: whatever throws while
  // answering it is logged and answered with 500, as a crashed handler is.
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('error', () => response.destroy());
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxPayloadBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge)
        return gatewayError(response, 413, 'Request Entity Too Large');
      handle(request, response, Buffer.concat(chunks)).catch((error) => {
        options.log({
          level: 'ERROR',
          message: 'Request failed',
          method: request.method,
          path: request.url,
          error:
            error instanceof Error
              ? (error.stack ?? String(error))
              : String(error),
        });
        if (response.headersSent) response.destroy();
        else gatewayError(response, 500, 'Internal Server Error');
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  const port =
    typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://localhost:${port}`,
    server,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
