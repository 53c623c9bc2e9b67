import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { env, eventBridge, eventFromItem, logger } from '@rapport/core';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';

/** PutEvents takes at most ten entries a call. */
const chunkSize = 10;

const toEntry = (record: DynamoDBRecord) => {
  const image = record.dynamodb?.NewImage;
  const event = eventFromItem(
    unmarshall(image as Parameters<typeof unmarshall>[0]),
  );

  return {
    EventBusName: env('EVENT_BUS_NAME'),
    Source: env('EVENT_SOURCE'),
    DetailType: event.type,
    Time: new Date(event.at),
    Detail: JSON.stringify(event),
  };
};

/**
 * Carries timeline events from the table stream to the bus. Entries the bus
 * refuses are reported as batch item failures, so only they are retried;
 * consumers are idempotent on the event id, so a retry is harmless.
 */
export const handler = async (
  event: DynamoDBStreamEvent,
): Promise<DynamoDBBatchResponse> => {
  const failed: string[] = [];

  for (let start = 0; start < event.Records.length; start += chunkSize) {
    const records = event.Records.slice(start, start + chunkSize);
    try {
      const result = await eventBridge().send(
        new PutEventsCommand({ Entries: records.map(toEntry) }),
      );
      result.Entries?.forEach((entry, index) => {
        if (entry.ErrorCode)
          failed.push(records[index]?.dynamodb?.SequenceNumber ?? '');
      });
    } catch (error) {
      logger.error('PutEvents failed', { error: error as Error });
      failed.push(...records.map((r) => r.dynamodb?.SequenceNumber ?? ''));
    }
  }

  return {
    batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })),
  };
};
