import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent, Subject } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { readContact } from '../contact/contact.store';
import { notFound } from '../errors';
import { eventFromItem } from '../event/event.item';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { keys } from '../table/keys';

/**
 * A record's timeline, newest first: one Query on the record's own
 * partition, however long the timeline grows.
 */
export const readTimelinePage = async (
  workspaceId: string,
  subject: Subject,
  limit: number,
  cursor?: string,
): Promise<Page<DomainEvent>> => {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const { pk } = keys.event(workspaceId, subject, '');
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.timelinePrefix },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: after
        ? keys.event(workspaceId, subject, after)
        : undefined,
    }),
  );
  const items = Items.map(eventFromItem);
  const last = items.at(-1);

  return {
    items,
    nextCursor: LastEvaluatedKey && last ? encodeCursor(last.id) : null,
  };
};

/**
 * A contact's timeline. It outlives the contact, so a deleted contact's
 * history can still be read; a contact that never existed is a 404.
 */
export const readTimeline = async (
  workspaceId: string,
  contactId: string,
  limit: number,
  cursor?: string,
): Promise<Page<DomainEvent>> => {
  const page = await readTimelinePage(
    workspaceId,
    { type: 'contact', id: contactId },
    limit,
    cursor,
  );
  if (page.items.length === 0 && !cursor) {
    if (!(await readContact(workspaceId, contactId))) {
      throw notFound('contact', contactId);
    }
  }

  return page;
};
