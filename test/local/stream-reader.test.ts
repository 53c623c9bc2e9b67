import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { blueprint, type StreamConsumerSpec } from '@rapport/blueprint';
import {
  type StreamReader,
  type StreamReaderOptions,
  startStreamReader,
} from '@rapport/local/stream/stream-reader';
import { ensureTable } from '@rapport/local/table';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';

const config = {
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};
const dynamo = new DynamoDBClient(config);
const streams = new DynamoDBStreamsClient(config);
const readers: StreamReader[] = [];
const temporaryDirs: string[] = [];

const consumer = (
  settings: Partial<StreamConsumerSpec<string>> = {},
): StreamConsumerSpec<string> => ({
  name: 'TestConsumer',
  function: 'test',
  batchSize: 10,
  filters: [],
  retryAttempts: 2,
  bisectBatchOnError: false,
  maxBatchingWindowSeconds: 0,
  ...settings,
});

const start = (
  options: Pick<StreamReaderOptions, 'streamArn' | 'consumer' | 'handler'> &
    Partial<StreamReaderOptions>,
) => {
  const reader = startStreamReader({
    client: streams,
    onFailure: () => {},
    pollIntervalMs: 20,
    ...options,
  });

  readers.push(reader);

  return reader;
};

const makeTable = async () => {
  const tableName = `stream-reader-${randomUUID()}`;
  const streamArn = await ensureTable(dynamo, tableName, blueprint.table);
  const put = async (...numbers: number[]) => {
    for (const n of numbers) {
      const entity = n < 0 ? 'Contact' : 'Event';

      await dynamo.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: 'ws_1#contact_1' },
            sk: { S: `${entity}#${Math.abs(n)}` },
            entity: { S: entity },
          },
        }),
      );
    }
  };

  return { tableName, streamArn, put };
};

const makeCheckpointFile = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-stream-'));

  temporaryDirs.push(dir);

  return join(dir, 'checkpoints.json');
};

/** The sort keys of records, which name the items the test wrote. */
const keysOf = (records: DynamoDBRecord[]) =>
  records.map((record) => record.dynamodb?.Keys?.sk?.S);

const sequenceNumber = (record: DynamoDBRecord | undefined) =>
  record?.dynamodb?.SequenceNumber ?? '';

afterEach(async () => {
  await Promise.all(readers.splice(0).map((reader) => reader.stop()));
});

afterAll(async () => {
  await Promise.all(temporaryDirs.map((dir) => rm(dir, { recursive: true })));
  dynamo.destroy();
  streams.destroy();
});

describe('startStreamReader against DynamoDB Local', () => {
  it('delivers inserted items in order, shaped as Lambda delivers them', async () => {
    const { streamArn, put } = await makeTable();
    const delivered: DynamoDBRecord[] = [];
    await put(1, 2, 3, 4, 5);

    const reader = start({
      streamArn,
      consumer: consumer(),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
    });
    await reader.drained();

    expect(keysOf(delivered)).toEqual([
      'Event#1',
      'Event#2',
      'Event#3',
      'Event#4',
      'Event#5',
    ]);
    expect(delivered[0]).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: expect.any(String),
      eventSourceARN: streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'ws_1#contact_1' }, sk: { S: 'Event#1' } },
        NewImage: {
          pk: { S: 'ws_1#contact_1' },
          sk: { S: 'Event#1' },
          entity: { S: 'Event' },
        },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('delivers a change with its old and new images', async () => {
    const { tableName, streamArn, put } = await makeTable();
    const delivered: DynamoDBRecord[] = [];
    await put(1);
    await dynamo.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: { S: 'ws_1#contact_1' }, sk: { S: 'Event#1' } },
        UpdateExpression: 'SET stage = :stage',
        ExpressionAttributeValues: { ':stage': { S: 'lead' } },
      }),
    );

    const reader = start({
      streamArn,
      consumer: consumer(),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
    });
    await reader.drained();

    expect(delivered.map((record) => record.eventName)).toEqual([
      'INSERT',
      'MODIFY',
    ]);
    expect(delivered[1]?.dynamodb?.OldImage).toEqual({
      pk: { S: 'ws_1#contact_1' },
      sk: { S: 'Event#1' },
      entity: { S: 'Event' },
    });
    expect(delivered[1]?.dynamodb?.NewImage).toEqual({
      pk: { S: 'ws_1#contact_1' },
      sk: { S: 'Event#1' },
      entity: { S: 'Event' },
      stage: { S: 'lead' },
    });
  });

  it('delivers binary attributes base64-encoded, as Lambda does', async () => {
    const { tableName, streamArn } = await makeTable();
    const delivered: DynamoDBRecord[] = [];
    await dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: 'ws_1#contact_1' },
          sk: { S: 'File#1' },
          body: { B: new Uint8Array([1, 2, 3]) },
          parts: { L: [{ BS: [new Uint8Array([255])] }] },
        },
      }),
    );

    const reader = start({
      streamArn,
      consumer: consumer(),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
    });
    await reader.drained();

    expect(delivered[0]?.dynamodb?.NewImage?.body).toEqual({ B: 'AQID' });
    expect(delivered[0]?.dynamodb?.NewImage?.parts).toEqual({
      L: [{ BS: ['/w=='] }],
    });
  });

  it('filters out records that match no pattern and checkpoints past them', async () => {
    const { streamArn, put } = await makeTable();
    const checkpointFile = await makeCheckpointFile();
    const delivered: DynamoDBRecord[] = [];
    await put(1, -2, 3, -4);

    const reader = start({
      streamArn,
      checkpointFile,
      consumer: consumer({ filters: blueprint.streamConsumers[0]?.filters }),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
    });
    await reader.drained();
    await reader.stop();

    const positions = JSON.parse(await readFile(checkpointFile, 'utf8'));
    const [checkpoint] = Object.values(positions) as string[];
    expect(keysOf(delivered)).toEqual(['Event#1', 'Event#3']);
    expect(BigInt(checkpoint ?? 0)).toBeGreaterThan(
      BigInt(sequenceNumber(delivered[1])),
    );
  });

  it('splits records into batches of at most batchSize', async () => {
    const { streamArn, put } = await makeTable();
    const batches: string[][] = [];
    await put(1, 2, 3, 4, 5, 6, 7);

    const reader = start({
      streamArn,
      consumer: consumer({ batchSize: 3 }),
      handler: async (event) => {
        batches.push(keysOf(event.Records) as string[]);
      },
    });
    await reader.drained();

    expect(batches).toEqual([
      ['Event#1', 'Event#2', 'Event#3'],
      ['Event#4', 'Event#5', 'Event#6'],
      ['Event#7'],
    ]);
  });

  it('waits up to maxBatchingWindowSeconds to fill a batch', async () => {
    const { streamArn, put } = await makeTable();
    const batches: string[][] = [];
    await put(1);

    const reader = start({
      streamArn,
      consumer: consumer({ maxBatchingWindowSeconds: 1 }),
      handler: async (event) => {
        batches.push(keysOf(event.Records) as string[]);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await put(2);
    await reader.drained();

    expect(batches).toEqual([['Event#1', 'Event#2']]);
  });

  it('retries from the first failed item when the handler reports batch item failures', async () => {
    const { streamArn, put } = await makeTable();
    const batches: string[][] = [];
    const processed: string[] = [];
    let failuresLeft = 1;
    await put(1, 2, 3, 4, 5);

    // An ordered consumer: it stops at the first record it cannot process
    // and reports that one and every later one as failed.
    const reader = start({
      streamArn,
      consumer: consumer(),
      handler: async (event) => {
        batches.push(keysOf(event.Records) as string[]);
        for (const [index, record] of event.Records.entries()) {
          const key = record.dynamodb?.Keys?.sk?.S ?? '';

          if (key === 'Event#3' && failuresLeft-- > 0) {
            const failed = event.Records.slice(index);

            return {
              batchItemFailures: failed.map((item) => ({
                itemIdentifier: sequenceNumber(item),
              })),
            };
          }
          processed.push(key);
        }
      },
    });
    await reader.drained();

    expect(batches).toEqual([
      ['Event#1', 'Event#2', 'Event#3', 'Event#4', 'Event#5'],
      ['Event#3', 'Event#4', 'Event#5'],
    ]);
    expect(processed).toEqual([
      'Event#1',
      'Event#2',
      'Event#3',
      'Event#4',
      'Event#5',
    ]);
  });

  it('fails the whole batch when the handler answers a malformed response', async () => {
    const { streamArn, put } = await makeTable();
    const batches: string[][] = [];
    await put(1, 2);

    const reader = start({
      streamArn,
      consumer: consumer(),
      handler: async (event) => {
        batches.push(keysOf(event.Records) as string[]);
        if (batches.length === 1) {
          return { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] };
        }
      },
    });
    await reader.drained();

    expect(batches).toEqual([
      ['Event#1', 'Event#2'],
      ['Event#1', 'Event#2'],
    ]);
  });

  it('gives up after retryAttempts, hands the records to onFailure and moves on', async () => {
    const { streamArn, put } = await makeTable();
    const batches: string[][] = [];
    const givenUp: { keys: unknown[]; error: unknown }[] = [];
    await put(1, 2);

    const reader = start({
      streamArn,
      consumer: consumer({ retryAttempts: 2 }),
      handler: async (event) => {
        batches.push(keysOf(event.Records) as string[]);
        if (batches.length <= 3) throw new Error('downstream is down');
      },
      onFailure: (records, error) => {
        givenUp.push({ keys: keysOf(records), error });
      },
    });
    await reader.drained();
    await put(3);
    await reader.drained();

    expect(batches).toEqual([
      ['Event#1', 'Event#2'],
      ['Event#1', 'Event#2'],
      ['Event#1', 'Event#2'],
      ['Event#3'],
    ]);
    expect(givenUp).toEqual([
      { keys: ['Event#1', 'Event#2'], error: new Error('downstream is down') },
    ]);
  });

  it('bisects a failing batch so that only the poison record is given up', async () => {
    const { streamArn, put } = await makeTable();
    const processed: string[] = [];
    const givenUp: unknown[][] = [];
    await put(1, 2, 3, 4);

    const reader = start({
      streamArn,
      consumer: consumer({ retryAttempts: 1, bisectBatchOnError: true }),
      handler: async (event) => {
        const keys = keysOf(event.Records) as string[];

        if (keys.includes('Event#3')) throw new Error('poison');
        processed.push(...keys);
      },
      onFailure: (records) => {
        givenUp.push(keysOf(records));
      },
    });
    await reader.drained();

    expect(processed).toEqual(['Event#1', 'Event#2', 'Event#4']);
    expect(givenUp).toEqual([['Event#3']]);
  });

  it('resumes from the checkpoint file after a restart without redelivering', async () => {
    const { streamArn, put } = await makeTable();
    const checkpointFile = await makeCheckpointFile();
    const first: DynamoDBRecord[] = [];
    const second: DynamoDBRecord[] = [];
    await put(1, 2, 3);
    const before = start({
      streamArn,
      checkpointFile,
      consumer: consumer(),
      handler: async (event) => {
        first.push(...event.Records);
      },
    });
    await before.drained();
    await before.stop();
    await put(4, 5);

    const after = start({
      streamArn,
      checkpointFile,
      consumer: consumer(),
      handler: async (event) => {
        second.push(...event.Records);
      },
    });
    await after.drained();

    expect(keysOf(first)).toEqual(['Event#1', 'Event#2', 'Event#3']);
    expect(keysOf(second)).toEqual(['Event#4', 'Event#5']);
  });

  it('lets the batch in flight finish and checkpoints it when stopped', async () => {
    const { streamArn, put } = await makeTable();
    const checkpointFile = await makeCheckpointFile();
    const redelivered: DynamoDBRecord[] = [];
    let handlerDone = false;
    let stopDone = false;
    let handlerStarted = () => {};
    let releaseHandler = () => {};
    const started = new Promise<void>((resolve) => {
      handlerStarted = resolve;
    });
    const released = new Promise<void>((resolve) => {
      releaseHandler = resolve;
    });
    await put(1);
    const reader = start({
      streamArn,
      checkpointFile,
      consumer: consumer(),
      handler: async () => {
        handlerStarted();
        await released;
        handlerDone = true;
      },
    });
    await started;

    const stopped = reader.stop().then(() => {
      stopDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopDoneWhileHandling = stopDone;
    releaseHandler();
    await stopped;
    const restarted = start({
      streamArn,
      checkpointFile,
      consumer: consumer(),
      handler: async (event) => {
        redelivered.push(...event.Records);
      },
    });
    await restarted.drained();

    expect(stopDoneWhileHandling).toBe(false);
    expect(handlerDone).toBe(true);
    expect(redelivered).toEqual([]);
  });

  it('reads a closed shard to its end', async () => {
    const { tableName, streamArn, put } = await makeTable();
    const delivered: DynamoDBRecord[] = [];
    await put(1, 2);
    await dynamo.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: false },
      }),
    );

    const reader = start({
      streamArn,
      consumer: consumer(),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
    });
    await reader.drained();

    expect(keysOf(delivered)).toEqual(['Event#1', 'Event#2']);
  });
});

describe('startStreamReader on a scripted stream', () => {
  const scripted = () => {
    const client = new DynamoDBStreamsClient(config);
    const mock = mockClient(client);
    const record = (shard: string, n: number) => ({
      eventID: `${shard}-${n}`,
      eventName: 'INSERT' as const,
      dynamodb: {
        Keys: { sk: { S: `${shard}#${n}` } },
        SequenceNumber: String(n),
      },
    });

    mock.on(GetShardIteratorCommand).callsFake((input) => ({
      ShardIterator: `${input.ShardId}:${input.SequenceNumber ?? 0}`,
    }));

    return { client, mock, record };
  };

  it('reads a parent shard to its end before its child', async () => {
    const { client, mock, record } = scripted();
    const delivered: DynamoDBRecord[] = [];
    mock.on(DescribeStreamCommand).resolves({
      StreamDescription: {
        Shards: [
          { ShardId: 'child', ParentShardId: 'parent' },
          { ShardId: 'parent' },
        ],
      },
    });
    // The parent answers slowly, so a child read too early would come first.
    mock.on(GetRecordsCommand).callsFake(async ({ ShardIterator }) => {
      if (ShardIterator === 'parent:0') {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { Records: [record('parent', 1), record('parent', 2)] };
      }
      if (ShardIterator === 'child:0') {
        return {
          Records: [record('child', 3)],
          NextShardIterator: 'child:3',
        };
      }
      return { Records: [], NextShardIterator: ShardIterator };
    });

    const reader = start({
      client,
      streamArn: 'arn:local:stream',
      consumer: consumer(),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
    });
    await reader.drained();

    expect(keysOf(delivered)).toEqual(['parent#1', 'parent#2', 'child#3']);
  });

  it('opens a new iterator from the checkpoint when one expires', async () => {
    const { client, mock, record } = scripted();
    const delivered: DynamoDBRecord[] = [];
    const logged: Record<string, unknown>[] = [];
    let expired = false;
    mock.on(DescribeStreamCommand).resolves({
      StreamDescription: { Shards: [{ ShardId: 'only' }] },
    });
    mock.on(GetRecordsCommand).callsFake(async ({ ShardIterator }) => {
      if (ShardIterator === 'only:0') {
        return { Records: [record('only', 1)], NextShardIterator: 'only:x' };
      }
      if (ShardIterator === 'only:x' && !expired) {
        expired = true;
        throw new ExpiredIteratorException({
          message: 'expired',
          $metadata: {},
        });
      }
      if (ShardIterator === 'only:1') {
        return { Records: [record('only', 2)], NextShardIterator: 'only:2' };
      }
      return { Records: [], NextShardIterator: ShardIterator };
    });

    const reader = start({
      client,
      streamArn: 'arn:local:stream',
      consumer: consumer(),
      handler: async (event) => {
        delivered.push(...event.Records);
      },
      log: (entry) => logged.push(entry),
    });
    await reader.drained();

    expect(expired).toBe(true);
    expect(keysOf(delivered)).toEqual(['only#1', 'only#2']);
    expect(logged.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
