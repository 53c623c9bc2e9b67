import {
  EventBridgeClient,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import { eventSamples } from '@rapport/events';
import { toLambdaRecord } from '@rapport/local/stream/stream-record';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

// EventBridge has no local engine that can be told to fail, so faults are
// injected with a mocked client; the local bus covers the happy path.
const bus = mockClient(EventBridgeClient);
let handler: typeof import('../../functions/stream/publish-events').handler;

beforeAll(async () => {
  Object.assign(process.env, {
    EVENT_BUS_NAME: 'rapport-test',
    EVENT_SOURCE: 'rapport',
    AWS_REGION: 'us-east-1',
  });
  ({ handler } = await import('../../functions/stream/publish-events'));
});

beforeEach(() => bus.reset());

const record = (sequence: number): DynamoDBRecord => {
  const event = {
    ...eventSamples['contact.created'],
    id: `evt_01JDQ80F2W00000000000000${String(sequence).padStart(2, '0')}`,
  };

  return {
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: String(sequence),
      NewImage: marshall({
        pk: 'p',
        sk: 's',
        entity: 'Event',
        ...event,
      }) as never,
    },
  };
};

describe('publishing timeline events to the bus', () => {
  it('sends every event with its type, in calls of at most ten', async () => {
    bus.on(PutEventsCommand).callsFake((input) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map(() => ({ EventId: 'x' })),
    }));

    const result = await handler({
      Records: Array.from({ length: 23 }, (_, i) => record(i)),
    });

    expect(result.batchItemFailures).toEqual([]);
    const calls = bus.commandCalls(PutEventsCommand);
    expect(calls.map((call) => call.args[0].input.Entries?.length)).toEqual([
      10, 10, 3,
    ]);
    const first = calls[0]?.args[0].input.Entries?.[0];
    expect(first?.DetailType).toBe('contact.created');
    expect(first?.Source).toBe('rapport');
    expect(JSON.parse(first?.Detail ?? '{}').id).toBe(
      'evt_01JDQ80F2W0000000000000000',
    );
  });

  it('reports only the entries the bus refused', async () => {
    bus.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [
        { EventId: 'a' },
        { ErrorCode: 'InternalFailure' },
        { EventId: 'c' },
      ],
    });

    const result = await handler({
      Records: [record(1), record(2), record(3)],
    });

    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
  });

  it('reports the whole call when the bus cannot be reached', async () => {
    bus.on(PutEventsCommand).rejects(new Error('socket hang up'));

    const result = await handler({ Records: [record(1), record(2)] });

    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: '1' },
      { itemIdentifier: '2' },
    ]);
  });

  it('keeps an empty map that the Streams client read back as {}', () => {
    const lambdaRecord = toLambdaRecord(
      {
        eventName: 'INSERT',
        dynamodb: {
          SequenceNumber: '1',
          NewImage: { customFields: {} as never, tags: { L: [] } },
        },
      },
      'arn:stream',
    );

    expect(lambdaRecord.dynamodb?.NewImage).toEqual({
      customFields: { M: {} },
      tags: { L: [] },
    });
  });
});
