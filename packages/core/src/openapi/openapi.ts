import * as z from 'zod/mini';

/** What the API reference says about one route; the schemas are the code's. */
export interface Operation {
  routeKey: `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'} /${string}`;
  summary: string;
  tag: string;
  public?: boolean;
  query?: z.core.$ZodShape;
  body?: z.ZodMiniType;
  /** Media types the body may come in; JSON when absent. */
  bodyTypes?: string[];
  status: number;
  response?: z.ZodMiniType;
  /** The response is `{ items, nextCursor }` of `response`. */
  list?: boolean;
}

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;

  return rest;
};

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', examples: ['contact.email_taken'] },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

const parameters = (path: string, query: z.core.$ZodShape | undefined) => {
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const properties = query
    ? ((jsonSchema(z.object(query), 'input').properties ?? {}) as Record<
        string,
        JsonSchema
      >)
    : {};
  const inQuery = Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));

  return [...inPath, ...inQuery];
};

const responseBody = (operation: Operation): JsonSchema | undefined => {
  if (!operation.response) return undefined;
  const item = jsonSchema(operation.response, 'output');

  return operation.list
    ? {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: item },
          nextCursor: { type: ['string', 'null'] },
        },
      }
    : item;
};

const operationObject = (operation: Operation, path: string) => {
  const body = operation.body && jsonSchema(operation.body, 'input');
  const answer = responseBody(operation);

  return {
    summary: operation.summary,
    tags: [operation.tag],
    ...(operation.public ? { security: [] } : {}),
    parameters: parameters(path, operation.query),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (operation.bodyTypes ?? ['application/json']).map((type) => [
                type,
                { schema: body },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [operation.status]: {
        description: 'Success',
        ...(answer
          ? { content: { 'application/json': { schema: answer } } }
          : {}),
      },
      '4XX': {
        description: 'The request was refused; nothing changed.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
          },
        },
      },
    },
  };
};

/** An OpenAPI 3.1 document for the operations, built from their schemas. */
export const openApiDocument = (operations: Operation[], version: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const [method = '', path = ''] = operation.routeKey.split(' ');
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = operationObject(operation, path);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Rapport API',
      version,
      description:
        'Contacts, forms, sequences and timelines. Errors share one shape; lists are { items, nextCursor }.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
};
