import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DomainError } from '../errors';

export type ApiResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
};

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const noContent = (
  headers: Record<string, string> = {},
): ApiResponse => ({
  statusCode: 204,
  headers,
});

/** The one error shape every client sees. */
export const errorResponse = (error: DomainError): ApiResponse =>
  json(error.status, {
    error: {
      code: error.code,
      message: error.message,
      details: error.details,
      ...error.meta,
    },
  });
