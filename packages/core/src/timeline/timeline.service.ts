import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent, EventType, Subject } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { notFound } from '../errors';
import { eventFromItem } from '../event/event.item';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { keys } from '../table/keys';

/** Which entries of a timeline to read; every part is optional. */
export interface TimelineFilter {
  /** Event types to keep, such as `activity.logged`. */
  types?: readonly EventType[];
  /** Earliest time, inclusive. */
  from?: Date;
  /** Latest time, inclusive. */
  to?: Date;
}

/**
 * Items a filtered query reads in its first round trip, doubled in each
 * next one. DynamoDB applies a filter after reading, so a rare type needs
 * wider reads to fill a page, and a common one should not pay for them.
 */
const filteredReadSize = 200;

/**
 * An event id sorts by the millisecond it was made, which can run ahead of
 * its `at` when many ids share a millisecond; the upper key bound allows for
 * that and the filter on `at` keeps the range exact.
 */
const idClockSlackMs = 1000;

type Range = { low: string; high: string };

const keyRange = (
  workspaceId: string,
  subject: Subject,
  filter: TimelineFilter,
): Range => ({
  low: filter.from
    ? keys.eventTimeBound(workspaceId, subject, filter.from.getTime(), 'first')
        .sk
    : keys.timelinePrefix,
  high: filter.to
    ? keys.eventTimeBound(
        workspaceId,
        subject,
        filter.to.getTime() + idClockSlackMs,
        'last',
      ).sk
    : `${keys.timelinePrefix}\uffff`,
});

const filterExpression = (filter: TimelineFilter) => {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};

  if (filter.types && filter.types.length > 0) {
    const placeholders = filter.types.map((type, index) => {
      values[`:type${index}`] = type;
      return `:type${index}`;
    });
    names['#type'] = 'type';
    clauses.push(`#type IN (${placeholders.join(', ')})`);
  }
  if (filter.from) {
    names['#at'] = 'at';
    values[':from'] = filter.from.toISOString();
    clauses.push('#at >= :from');
  }
  if (filter.to) {
    names['#at'] = 'at';
    values[':to'] = filter.to.toISOString();
    clauses.push('#at <= :to');
  }

  return clauses.length === 0
    ? undefined
    : { expression: clauses.join(' AND '), names, values };
};

/**
 * A record's timeline, newest first: Queries on the record's own partition,
 * however long the timeline grows. A time range is a key condition (event
 * ids are time-ordered); types are a filter. A page is filled, or the
 * timeline is exhausted: a cursor is handed out only when at least one more
 * entry matches, so a client never meets an empty page before the end.
 * Without a type filter the first page is one Query.
 */
export const readTimelinePage = async (
  workspaceId: string,
  subject: Subject,
  limit: number,
  cursor?: string,
  filter: TimelineFilter = {},
): Promise<Page<DomainEvent>> => {
  const after = cursor
    ? decodeCursor(`timeline:${subject.type}:${subject.id}`, cursor)
    : undefined;
  const { pk } = keys.event(workspaceId, subject, '');
  const range = keyRange(workspaceId, subject, filter);
  const afterKey = after ? keys.event(workspaceId, subject, after) : undefined;

  // A cursor from outside the range (the client changed its filter) is
  // clamped to it rather than handed to DynamoDB, which would refuse it.
  if (afterKey && afterKey.sk <= range.low)
    return { items: [], nextCursor: null };
  let startKey: Record<string, unknown> | undefined =
    afterKey && afterKey.sk <= range.high ? afterKey : undefined;

  const filtered = filterExpression(filter);
  const found: DomainEvent[] = [];
  let readSize = filteredReadSize;
  do {
    const wanted = limit + 1 - found.length;
    const { Items = [], LastEvaluatedKey } = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        FilterExpression: filtered?.expression,
        ExpressionAttributeNames: filtered?.names,
        ExpressionAttributeValues: {
          ':pk': pk,
          ':low': range.low,
          ':high': range.high,
          ...filtered?.values,
        },
        ScanIndexForward: false,
        Limit: filtered ? Math.max(wanted, readSize) : wanted,
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...Items.map(eventFromItem));
    startKey = LastEvaluatedKey;
    readSize *= 2;
  } while (startKey && found.length <= limit);

  const items = found.slice(0, limit);
  const last = items.at(-1);

  return {
    items,
    nextCursor:
      found.length > limit && last
        ? encodeCursor(`timeline:${subject.type}:${subject.id}`, last.id)
        : null,
  };
};

const hasHistory = async (workspaceId: string, subject: Subject) => {
  const [record, anyEntry] = await Promise.all([
    dynamo().send(
      new GetCommand({
        TableName: tableName(),
        Key: keys.record(workspaceId, subject),
        ProjectionExpression: 'pk',
      }),
    ),
    readTimelinePage(workspaceId, subject, 1),
  ]);

  return record.Item !== undefined || anyEntry.items.length > 0;
};

/**
 * A contact's, deal's or pipeline's timeline. It outlives its record, so a deleted
 * contact's history can still be read; a record that never existed is a
 * 404, even when a filter leaves nothing to show.
 */
export const readRecordTimeline = async (
  workspaceId: string,
  subject: Subject,
  limit: number,
  cursor?: string,
  filter: TimelineFilter = {},
): Promise<Page<DomainEvent>> => {
  const page = await readTimelinePage(
    workspaceId,
    subject,
    limit,
    cursor,
    filter,
  );
  if (page.items.length === 0 && !cursor) {
    if (!(await hasHistory(workspaceId, subject))) {
      throw notFound(subject.type, subject.id);
    }
  }

  return page;
};

/** A contact's timeline; see `readRecordTimeline`. */
export const readTimeline = (
  workspaceId: string,
  contactId: string,
  limit: number,
  cursor?: string,
  filter: TimelineFilter = {},
): Promise<Page<DomainEvent>> =>
  readRecordTimeline(
    workspaceId,
    { type: 'contact', id: contactId },
    limit,
    cursor,
    filter,
  );
