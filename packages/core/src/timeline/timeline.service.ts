import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { readContact } from '../contact/contact.store';
import { notFound } from '../errors';
import { eventFromItem } from '../event/event.item';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { keys } from '../table/keys';

/**
 * A contact's timeline, newest first: one Query on the contact's own
 * partition, however long the timeline grows. The timeline outlives the
 * contact, so a deleted contact's history can still be read.
 */
export const readTimeline = async (
  workspaceId: string,
  contactId: string,
  limit: number,
  cursor?: string,
): Promise<Page<DomainEvent>> => {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const { pk } = keys.contact(workspaceId, contactId);
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.timelinePrefix },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: after
        ? keys.event(workspaceId, contactId, after)
        : undefined,
    }),
  );
  const items = Items.map(eventFromItem);

  if (items.length === 0 && !after) {
    if (!(await readContact(workspaceId, contactId))) {
      throw notFound('contact', contactId);
    }
  }

  const last = items.at(-1);

  return {
    items,
    nextCursor: LastEvaluatedKey && last ? encodeCursor(last.id) : null,
  };
};
