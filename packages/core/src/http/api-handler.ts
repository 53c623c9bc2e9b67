import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { DomainError, validationFailed } from '../errors';
import { logger } from '../log';
import { workspaceForApiKey } from '../workspace/workspace.service';
import { type ApiResponse, errorResponse, json } from './respond';

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  /** Set on every route that takes an API key. */
  workspaceId: string;
}

type Handle = (request: ApiRequest) => Promise<ApiResponse>;

const unauthorized = () =>
  new DomainError(
    401,
    'auth.unauthorized',
    'Send a valid API key as "Authorization: Bearer <key>".',
  );

const authenticate = async (event: APIGatewayProxyEventV2) => {
  const header = event.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized();

  const workspaceId = await workspaceForApiKey(match[1]);
  if (!workspaceId) throw unauthorized();

  return workspaceId;
};

/**
 * Turns any failure into the one error shape. Domain errors keep their
 * status and message; anything else is a bug, logged whole and answered
 * as a 500 that reveals nothing.
 */
export const toErrorResponse = (error: unknown): ApiResponse => {
  if (error instanceof DomainError) {
    if (error.status >= 500) logger.error('Request failed', { error });
    return errorResponse(error);
  }
  logger.error('Unhandled error', { error: error as Error });

  return json(500, {
    error: { code: 'internal', message: 'Internal error.', details: [] },
  });
};

/**
 * Wraps a route's logic in the middleware every API handler shares: the
 * request's log context, API key authentication unless the route is public,
 * and the error shape.
 */
export const apiHandler = (options: { public?: boolean }, handle: Handle) =>
  middy<APIGatewayProxyEventV2, ApiResponse, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      onError: (request) => {
        request.response = toErrorResponse(request.error);
      },
    })
    .handler(async (event) => {
      logger.appendKeys({
        route: event.routeKey,
        requestId: event.requestContext?.requestId,
      });
      const workspaceId = options.public ? '' : await authenticate(event);
      if (workspaceId) logger.appendKeys({ workspaceId });

      return handle({ event, workspaceId });
    });

const positiveInt = (max: number) =>
  z.coerce.number().check(z.int(), z.minimum(1), z.maximum(max));

/** Parses path and query parameters, refusing bad ones with field paths. */
export const parseParams = <S extends z.core.$ZodShape>(
  source: Record<string, string | undefined> | undefined,
  shape: S,
  where: 'path' | 'query',
): z.infer<z.ZodMiniObject<S>> => {
  // No id, tag or key is this long; past DynamoDB's key size it would fail.
  if (
    where === 'path' &&
    Object.values(source ?? {}).some((value) => (value?.length ?? 0) > 256)
  ) {
    throw new DomainError(404, 'record.not_found', 'No record has this id.');
  }
  const result = z.object(shape).safeParse(source ?? {});
  if (!result.success) throw validationFailed(result.error, [where]);

  return result.data;
};

/** Parses a body against a schema, naming every bad field. */
export const parseBody = <T extends z.ZodMiniType>(
  schema: T,
  body: unknown,
): z.infer<T> => {
  const result = schema.safeParse(body);
  if (!result.success) throw validationFailed(result.error);

  return result.data;
};

export const pageQuery = {
  limit: z._default(positiveInt(100), 25),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
};
