import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { blueprint } from '@rapport/blueprint';
import {
  type Contact,
  type ContactFilter,
  contactItem,
  countContacts,
  dynamo,
  indexSteps,
  newContact,
  searchContacts,
} from '@rapport/core';
import { startDynamoDbLocal } from '@rapport/local/services/dynamodb-local';
import { freePort } from '@rapport/local/services/port';
import { configureEnvironment } from '@rapport/local/stack';
import { ensureTable } from '@rapport/local/table';

/**
 * Segment queries over one workspace of 100,000 contacts in an in-memory
 * DynamoDB Local. Contacts and their postings are seeded with BatchWrite,
 * as the contact's own transaction would write them; then each query runs
 * repeatedly and reports its latency and the items it read (from the
 * responses' ScannedCount and the contacts BatchGet returned).
 */
const total = Number(process.env.BENCH_CONTACTS ?? 100_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 20);
const workspaceId = 'ws_01JBENCH00000000000000000W';

/** Deterministic spread: ebook 10 %, webinar 10 % (1 % both), rare 0.1 %. */
const tagsOf = (i: number) => [
  ...(i % 10 === 0 ? ['ebook'] : []),
  ...(i % 10 === 3 || i % 100 === 0 ? ['webinar'] : []),
  ...(i % 1000 === 0 ? ['rare'] : []),
];
const stageOf = (i: number): Contact['lifecycleStage'] =>
  i % 20 === 5 ? 'customer' : i % 3 === 0 ? 'lead' : 'subscriber';

const seed = async () => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const counts = new Map<string, number>();
  const start = Date.now() - total * 10;
  const pending: Record<string, unknown>[] = [];
  const inFlight: Promise<void>[] = [];

  const flush = async (items: Record<string, unknown>[]) => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await client.send(
        new BatchWriteCommand({
          RequestItems: { [process.env.TABLE_NAME ?? '']: requests },
        }),
      );
      requests = (result.UnprocessedItems?.[process.env.TABLE_NAME ?? ''] ??
        []) as typeof requests;
    }
  };

  for (let i = 0; i < total; i += 1) {
    const contact = newContact(
      {
        email: `c${i}@example.com`,
        tags: tagsOf(i),
        lifecycleStage: stageOf(i),
        source: i % 2 ? 'webinar-landing' : 'import',
      },
      new Date(start + i * 10),
    );
    pending.push(contactItem(workspaceId, contact));
    for (const step of indexSteps(workspaceId, null, contact)) {
      if (step.write.Put) pending.push(step.write.Put.Item ?? {});
    }
    for (const tag of contact.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    while (pending.length >= 25) {
      inFlight.push(flush(pending.splice(0, 25)));
      if (inFlight.length >= 16) await Promise.all(inFlight.splice(0));
    }
  }
  inFlight.push(flush(pending));
  await Promise.all(inFlight);
  // The counters the contacts' transactions would have left.
  await flush(
    [...counts].map(([tag, count]) => ({
      pk: `WS#${workspaceId}#TAGS`,
      sk: `TAG#${tag}`,
      entity: 'Tag',
      workspaceId,
      tagKey: tag,
      name: tag,
      count,
    })),
  );
  client.destroy();
};

const queries: [string, ContactFilter][] = [
  ['one tag (ebook, 10,000 match)', { tags: { all: ['ebook'] } }],
  [
    'two tags, all of (ebook + webinar, 1,000 match)',
    { tags: { all: ['ebook', 'webinar'] } },
  ],
  [
    'one lifecycle stage (customer, 5,000 match)',
    { lifecycleStage: ['customer'] },
  ],
  [
    'two tags, all of, one rare (rare + ebook, 100 match)',
    { tags: { all: ['rare', 'ebook'] } },
  ],
];

const timed = async <T>(run: () => Promise<T>) => {
  const t0 = performance.now();
  const result = await run();

  return { result, ms: performance.now() - t0 };
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const main = async () => {
  const port = await freePort();
  const local = await startDynamoDbLocal({ port });
  try {
    configureEnvironment(
      {
        port: 0,
        tableName: 'bench-segments',
        dynamoEndpoint: local.endpoint,
        sesEndpoint: 'http://127.0.0.1:9',
        timeScale: 1,
      },
      'http://127.0.0.1:9',
      'arn:aws:states:us-east-1:000000000000:stateMachine:None',
    );
    const client = new DynamoDBClient({});
    await ensureTable(client, 'bench-segments', blueprint.table);
    client.destroy();

    const seeded = await timed(seed);
    console.log(
      `### Segments over ${total.toLocaleString('en')} contacts (seeded in ${(seeded.ms / 1000).toFixed(0)} s)\n`,
    );
    console.log(
      '| query | first page (50) p50 ms | items read | returned | count p50 ms | items read | count | full walk items read |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, filter] of queries) {
      const page: number[] = [];
      const counting: number[] = [];
      let pageRead = 0;
      let returned = 0;
      let countRead = 0;
      let count = 0;
      for (let i = 0; i < repeats; i += 1) {
        const meter = { itemsRead: 0 };
        const run = await timed(() =>
          searchContacts(workspaceId, { filter, limit: 50 }, meter),
        );
        page.push(run.ms);
        pageRead = meter.itemsRead;
        returned = run.result.items.length;
        const countMeter = { itemsRead: 0 };
        const counted = await timed(() =>
          countContacts(workspaceId, filter, countMeter),
        );
        counting.push(counted.ms);
        countRead = countMeter.itemsRead;
        count = counted.result;
      }
      // Every page, to show reads stay proportional to the answer.
      const walkMeter = { itemsRead: 0 };
      let cursor: string | undefined;
      do {
        const next = await searchContacts(
          workspaceId,
          { filter, limit: 100, cursor },
          walkMeter,
        );
        cursor = next.nextCursor ?? undefined;
      } while (cursor);
      console.log(
        `| ${name} | ${median(page).toFixed(1)} | ${pageRead} | ${returned} | ${median(counting).toFixed(1)} | ${countRead} | ${count} | ${walkMeter.itemsRead} |`,
      );
    }
    console.log();
  } finally {
    dynamo().destroy();
    await local.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
