import SwaggerParser from '@apidevtools/swagger-parser';
import { blueprint } from '@rapport/blueprint';
import { openApiDocument, operations } from '@rapport/core';
import { describe, expect, it } from 'vitest';

describe('the OpenAPI document', () => {
  it('documents every route the blueprint serves, and no other', () => {
    const served = blueprint.routes
      .map((route) => route.routeKey)
      .filter((key) => key !== '$default')
      .sort();

    expect(operations.map((operation) => operation.routeKey).sort()).toEqual(
      served,
    );
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument(operations, 'test');

    await expect(
      SwaggerParser.validate(structuredClone(document) as never),
    ).resolves.toBeTruthy();
  });

  it('describes a contact create with its limits and refusals', () => {
    const document = openApiDocument(operations, 'test') as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody: {
              content: Record<
                string,
                {
                  schema: {
                    properties: Record<string, unknown>;
                    additionalProperties: unknown;
                  };
                }
              >;
            };
          }
        >
      >;
    };

    const schema =
      document.paths['/v1/contacts']?.post?.requestBody.content[
        'application/json'
      ]?.schema;

    expect(schema?.properties.email).toEqual({
      type: 'string',
      maxLength: 254,
    });
    expect(schema?.additionalProperties).toBe(false);
  });
});
