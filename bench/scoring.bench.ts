import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { blueprint } from '@rapport/blueprint';
import {
  type ContactFilter,
  type ContactSort,
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
 * Score-range searches and counts over one workspace of contacts in an
 * in-memory DynamoDB Local. Contacts, their postings and their score
 * entries are seeded with BatchWrite, as the contact's own transaction
 * would write them; scores are spread evenly over 0-999.
 */
const total = Number(process.env.BENCH_CONTACTS ?? 20_000);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const workspaceId = 'ws_01JBENCH00000000000000000S';

const seed = async () => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = process.env.TABLE_NAME ?? '';
  const start = Date.now() - total * 10;
  const pending: Record<string, unknown>[] = [];
  const inFlight: Promise<void>[] = [];
  const flush = async (items: Record<string, unknown>[]) => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await client.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };

  for (let i = 0; i < total; i += 1) {
    const contact = newContact(
      {
        email: `s${i}@example.com`,
        lifecycleStage: i % 4 ? 'lead' : 'customer',
      },
      new Date(start + i * 10),
    );
    contact.score = (i * 7919) % 1000;
    pending.push(contactItem(workspaceId, contact));
    for (const step of indexSteps(workspaceId, null, contact)) {
      if (step.write.Put) pending.push(step.write.Put.Item ?? {});
    }
    while (pending.length >= 25) {
      inFlight.push(flush(pending.splice(0, 25)));
      if (inFlight.length >= 16) await Promise.all(inFlight.splice(0));
    }
  }
  inFlight.push(flush(pending));
  await Promise.all(inFlight);
  client.destroy();
};

const queries: [string, ContactFilter, ContactSort | undefined][] = [
  ['score ≥ 990 (1 %)', { score: { gte: 990 } }, undefined],
  ['score 500-599 (10 %)', { score: { gte: 500, lte: 599 } }, undefined],
  ['top scores, no filter, sorted desc', {}, { by: 'score', order: 'desc' }],
  [
    'customers with score ≥ 900 (2.5 %)',
    { lifecycleStage: ['customer'], score: { gte: 900 } },
    undefined,
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
        tableName: 'bench-scoring',
        dynamoEndpoint: local.endpoint,
        sesEndpoint: 'http://127.0.0.1:9',
        timeScale: 1,
      },
      'http://127.0.0.1:9',
      'arn:aws:states:us-east-1:000000000000:stateMachine:None',
    );
    const client = new DynamoDBClient({});
    await ensureTable(client, 'bench-scoring', blueprint.table);
    client.destroy();

    const seeded = await timed(seed);
    console.log(
      `### Lead score queries over ${total.toLocaleString('en')} contacts (seeded in ${(seeded.ms / 1000).toFixed(0)} s)\n`,
    );
    console.log(
      '| query | first page (50) p50 ms | items read | returned | count p50 ms | items read | count |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, filter, sort] of queries) {
      const page: number[] = [];
      const counting: number[] = [];
      let pageRead = 0;
      let returned = 0;
      let countRead = 0;
      let count = 0;
      for (let i = 0; i < repeats; i += 1) {
        const meter = { itemsRead: 0 };
        const run = await timed(() =>
          searchContacts(workspaceId, { filter, sort, limit: 50 }, meter),
        );
        page.push(run.ms);
        pageRead = meter.itemsRead;
        returned = run.result.items.length;
        // A sort alone has nothing to count but the whole workspace.
        if (Object.keys(filter).length === 0) continue;
        const countMeter = { itemsRead: 0 };
        const counted = await timed(() =>
          countContacts(workspaceId, filter, countMeter),
        );
        counting.push(counted.ms);
        countRead = countMeter.itemsRead;
        count = counted.result;
      }
      const counted =
        counting.length > 0
          ? `${median(counting).toFixed(1)} | ${countRead} | ${count}`
          : '— | — | —';
      console.log(
        `| ${name} | ${median(page).toFixed(1)} | ${pageRead} | ${returned} | ${counted} |`,
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
