import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { readContacts } from '../contact/contact.bulk';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { keys, scoreBound } from '../table/keys';
import type { ReadMeter } from './posting.reader';
import { matchesFilter } from './segment.match';
import type { ContactFilter, ContactSort } from './segment.schema';

/** Most score entries one request examines before it answers. */
const maxExamined = 20_000;

/** Whether the score list drives a search: a score sort, or score alone. */
export const scoreDrives = (
  filter: ContactFilter,
  sort: ContactSort | undefined,
): boolean =>
  sort?.by === 'score' ||
  (!sort &&
    filter.score !== undefined &&
    !filter.tags?.all?.length &&
    !filter.tags?.any?.length &&
    !filter.lifecycleStage &&
    !filter.source &&
    !filter.fields?.some(
      (field) => field.op !== 'exists' || field.value !== false,
    ));

const range = (filter: ContactFilter) => ({
  low: `${keys.scoreSortKey(filter.score?.gte ?? -scoreBound)}#`,
  high: `${keys.scoreSortKey(filter.score?.lte ?? scoreBound)}#~`,
});

/**
 * One page of contacts in score order, read from the workspace's score
 * list: a score range reads only the entries inside it. Other filter parts
 * are checked on each contact. The cursor is the last answered entry, so
 * pages neither skip nor repeat.
 */
export const searchByScore = async (
  workspaceId: string,
  input: {
    filter: ContactFilter;
    sort?: ContactSort;
    limit: number;
    cursor?: string;
  },
  meter: ReadMeter = { itemsRead: 0 },
  /** The search's cursor scope: its filter and sort. */
  scope = 'score',
): Promise<Page<Contact>> => {
  const order = input.sort?.order ?? 'asc';
  const pk = keys.scoresPartition(workspaceId);
  const { low, high } = range(input.filter);
  let start: Record<string, unknown> | undefined = input.cursor
    ? { pk, sk: decodeCursor(scope, input.cursor) }
    : undefined;
  const items: Contact[] = [];
  let examined = 0;
  let batch = input.limit + 1;

  for (;;) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        ExpressionAttributeValues: { ':pk': pk, ':low': low, ':high': high },
        ScanIndexForward: order === 'asc',
        ExclusiveStartKey: start,
        Limit: batch,
      }),
    );
    const entries = (page.Items ?? []).map((item) => ({
      sk: String(item.sk),
      contactId: String(item.contactId),
    }));
    meter.itemsRead += entries.length;
    examined += entries.length;
    const contacts = new Map(
      (
        await readContacts(
          workspaceId,
          entries.map((entry) => entry.contactId),
          meter,
        )
      ).map((contact) => [contact.id, contact]),
    );
    for (const [index, entry] of entries.entries()) {
      const contact = contacts.get(entry.contactId);
      if (!contact || !matchesFilter(contact, input.filter)) continue;
      items.push(contact);
      if (items.length === input.limit) {
        const more = index < entries.length - 1 || !!page.LastEvaluatedKey;

        return {
          items,
          nextCursor: more ? encodeCursor(scope, entry.sk) : null,
        };
      }
    }
    const last = entries.at(-1);
    if (!page.LastEvaluatedKey || !last) return { items, nextCursor: null };
    start = { pk, sk: last.sk };
    if (examined >= maxExamined) {
      return { items, nextCursor: encodeCursor(scope, last.sk) };
    }
    batch = Math.min(100, batch * 2);
  }
};

/**
 * How many contacts meet a filter driven by score: a score range alone is
 * counted from the score list without reading a contact.
 */
export const countByScore = async (
  workspaceId: string,
  filter: ContactFilter,
  meter: ReadMeter = { itemsRead: 0 },
): Promise<number> => {
  const onlyScore = Object.entries(filter).every(
    ([key, value]) => value === undefined || key === 'score',
  );
  if (!onlyScore) {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await searchByScore(
        workspaceId,
        { filter, limit: 100, cursor },
        meter,
      );
      count += page.items.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    return count;
  }
  const pk = keys.scoresPartition(workspaceId);
  const { low, high } = range(filter);
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        ExpressionAttributeValues: { ':pk': pk, ':low': low, ':high': high },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    meter.itemsRead += page.ScannedCount ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);

  return count;
};
