import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { decodeCursor, encodeCursor, type Page } from './cursor';

/**
 * A page of records kept in one partition (of the table or of an index)
 * sorted by their time-ordered ids: oldest first, with a cursor that names
 * the last id and is good only for this listing.
 */
export const queryIdPage = async <T extends { id: string }>(listing: {
  /** Names the listing in its cursors. */
  scope: string;
  index?: 'gsi1';
  /** The partition key's attribute and value, e.g. `{ gsi1pk: ... }`. */
  partition: [attribute: string, value: string];
  /** The whole key (with the index's) of the record with this id. */
  startKey: (afterId: string) => Record<string, string>;
  parse: (item: Record<string, unknown>) => T;
  limit: number;
  cursor?: string;
}): Promise<Page<T>> => {
  const after = listing.cursor
    ? decodeCursor(listing.scope, listing.cursor)
    : undefined;
  const [attribute, value] = listing.partition;
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: listing.index,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': attribute },
      ExpressionAttributeValues: { ':partition': value },
      Limit: listing.limit,
      ExclusiveStartKey: after ? listing.startKey(after) : undefined,
    }),
  );
  const items = Items.map(listing.parse);
  const last = items.at(-1);

  return {
    items,
    nextCursor:
      LastEvaluatedKey && last ? encodeCursor(listing.scope, last.id) : null,
  };
};
