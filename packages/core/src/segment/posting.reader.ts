import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import type { FieldValue } from '../custom-field/custom-field.values';

/** Items read from DynamoDB, from each response's ScannedCount. */
export interface ReadMeter {
  itemsRead: number;
}

export interface Candidate {
  contactId: string;
  /** The custom value a field posting carries. */
  value?: FieldValue;
}

/** One list of contact ids in id order: a posting partition or the listing. */
export interface ListSpec {
  index?: 'gsi1';
  partition: string;
  /** What precedes the contact id in the sort key. */
  prefix: string;
}

export interface Walk {
  order: 'asc' | 'desc';
  /** Inclusive contact id bounds (creation time ranges map onto ids). */
  from: string;
  to: string;
}

const firstPage = 26;
const largestPage = 1000;

/**
 * Reads one list page by page, each page twice the last, so a dense answer
 * reads little past its end and a sparse one gets through quickly.
 */
export class PostingReader {
  private buffer: Candidate[] = [];
  private start: Record<string, unknown> | undefined;
  private done = false;
  private pageSize: number;

  constructor(
    private readonly list: ListSpec,
    private readonly walk: Walk,
    private readonly meter: ReadMeter,
    firstPageSize = firstPage,
  ) {
    this.pageSize = Math.min(firstPageSize, largestPage);
  }

  async peek(): Promise<Candidate | undefined> {
    while (this.buffer.length === 0 && !this.done) await this.fill();

    return this.buffer[0];
  }

  shift(): Candidate | undefined {
    return this.buffer.shift();
  }

  private async fill(): Promise<void> {
    const [pk, sk] =
      this.list.index === 'gsi1' ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: this.list.index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: {
          ':pk': this.list.partition,
          ':from': `${this.list.prefix}${this.walk.from}`,
          ':to': `${this.list.prefix}${this.walk.to}`,
        },
        ScanIndexForward: this.walk.order === 'asc',
        ConsistentRead: this.list.index ? undefined : true,
        Limit: this.pageSize,
        ExclusiveStartKey: this.start,
      }),
    );
    this.meter.itemsRead += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      const contactId = String(item.contactId ?? item.gsi1sk);
      this.buffer.push(
        'value' in item
          ? { contactId, value: item.value as FieldValue }
          : { contactId },
      );
    }
    this.start = page.LastEvaluatedKey;
    this.done = !this.start;
    this.pageSize = Math.min(this.pageSize * 2, largestPage);
  }
}

/**
 * The union of several lists in one id order, each id once: how `any of`
 * tags, several stages or several sources are read.
 */
export class MergedReader {
  constructor(
    private readonly readers: PostingReader[],
    private readonly order: 'asc' | 'desc',
  ) {}

  async next(): Promise<Candidate | undefined> {
    let best: Candidate | undefined;
    for (const reader of this.readers) {
      const head = await reader.peek();
      if (!head) continue;
      if (
        !best ||
        (this.order === 'asc'
          ? head.contactId < best.contactId
          : head.contactId > best.contactId)
      ) {
        best = head;
      }
    }
    if (!best) return undefined;

    for (const reader of this.readers) {
      if ((await reader.peek())?.contactId === best.contactId) reader.shift();
    }

    return best;
  }

  async exhausted(): Promise<boolean> {
    for (const reader of this.readers) {
      if (await reader.peek()) return false;
    }

    return true;
  }
}

/** Counts a list's entries without reading a contact. */
export const countList = async (
  list: ListSpec,
  walk: Walk,
  meter: ReadMeter,
): Promise<number> => {
  const [pk, sk] = list.index === 'gsi1' ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: list.index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: {
          ':pk': list.partition,
          ':from': `${list.prefix}${walk.from}`,
          ':to': `${list.prefix}${walk.to}`,
        },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    meter.itemsRead += page.ScannedCount ?? 0;
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);

  return count;
};
