import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableSpec } from '@rapport/blueprint';

const attributeNames = (spec: TableSpec): string[] => [
  ...new Set([
    spec.partitionKey,
    spec.sortKey,
    ...spec.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ]),
];

/**
 * Makes the table that the blueprint describes, with its indexes, stream and
 * TTL attribute, unless it exists already. Answers the stream's ARN.
 */
export const ensureTable = async (
  client: DynamoDBClient,
  tableName: string,
  spec: TableSpec,
): Promise<string> => {
  try {
    const found = await client.send(
      new DescribeTableCommand({ TableName: tableName }),
    );
    const arn = found.Table?.LatestStreamArn;

    if (arn) return arn;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }

  const created = await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributeNames(spec).map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: spec.partitionKey, KeyType: 'HASH' },
        { AttributeName: spec.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: spec.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: {
        StreamEnabled: true,
        StreamViewType: spec.stream,
      },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: {
        AttributeName: spec.timeToLiveAttribute,
        Enabled: true,
      },
    }),
  );

  const arn = created.TableDescription?.LatestStreamArn;

  if (!arn) throw new Error(`Table ${tableName} was made without a stream`);

  return arn;
};
