import type {
  _Record,
  AttributeValue as StreamValue,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

type Image = Record<string, AttributeValue>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

// Lambda hands the function JSON, so binary values arrive base64-encoded
// where the SDK decoded them to bytes.
const toLambdaValue = (value: StreamValue): AttributeValue => {
  if (value.B) return { B: base64(value.B) };
  if (value.BS) return { BS: value.BS.map(base64) };
  if (value.L) return { L: value.L.map(toLambdaValue) };
  if (value.M) return { M: toLambdaImage(value.M) };
  // The Streams client reads an empty map (`{"M":{}}`) back as `{}`, while
  // Lambda receives the JSON as the stream sent it.
  if (Object.keys(value).length === 0) return { M: {} };

  return value as AttributeValue;
};

const toLambdaImage = (image: Record<string, StreamValue>): Image =>
  Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]),
  );

const imageOf = (name: string, image?: Record<string, StreamValue>) =>
  image ? { [name]: toLambdaImage(image) } : {};

/**
 * Turns a record read with the DynamoDB Streams API into the record a Lambda
 * function receives from an event source mapping on that stream.
 */
export const toLambdaRecord = (
  record: _Record,
  streamArn: string,
): DynamoDBRecord => {
  const change = record.dynamodb ?? {};
  const created = change.ApproximateCreationDateTime;

  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb: {
      // Lambda's events carry whole seconds since the epoch, not a date.
      ...(created && {
        ApproximateCreationDateTime: Math.floor(created.getTime() / 1000),
      }),
      ...imageOf('Keys', change.Keys),
      ...imageOf('NewImage', change.NewImage),
      ...imageOf('OldImage', change.OldImage),
      SequenceNumber: change.SequenceNumber,
      SizeBytes: change.SizeBytes,
      StreamViewType: change.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity && { userIdentity: { ...record.userIdentity } }),
  };
};

/** The record's position in its shard, which orders it and checkpoints it. */
export const sequenceOf = (record: DynamoDBRecord): string => {
  const sequenceNumber = record.dynamodb?.SequenceNumber;

  if (!sequenceNumber) throw new Error('A stream record has no SequenceNumber');

  return sequenceNumber;
};
