/**
 * First-page latency of a 50,000-entry contact timeline, unfiltered and
 * filtered, against an in-memory DynamoDB Local.
 *
 *   npx tsx bench/timeline.bench.ts
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { blueprint } from '@rapport/blueprint';
import {
  buildEvent,
  dynamo,
  keys,
  readTimeline,
  type TimelineFilter,
  tableName,
} from '@rapport/core';
import type { DomainEvent } from '@rapport/events';
import { startDynamoDbLocal } from '@rapport/local/services/dynamodb-local';
import { freePort } from '@rapport/local/services/port';
import { configureEnvironment } from '@rapport/local/stack';
import { ensureTable } from '@rapport/local/table';

const entries = 50_000;
const purchaseEvery = 100;
const runs = 300;
const pageSize = 25;
const workspaceId = 'ws_BENCH0000000000000000000000';
const contactId = 'ct_BENCH0000000000000000000000';
const spanMs = 2 * 365 * 86_400_000;

const entry = (index: number, now: number): DomainEvent => {
  const at = new Date(now - spanMs + Math.floor((index * spanMs) / entries));
  const base = {
    workspaceId,
    contactId,
    actor: { type: 'api_key' as const },
    at,
  };

  return index % purchaseEvery === 0
    ? buildEvent({
        ...base,
        type: 'purchase.completed',
        data: {
          contactCreated: false,
          purchase: {
            id: `pur_${index}`,
            orderId: `order-${index}`,
            contactId,
            items: [
              {
                name: 'Seat',
                quantity: 2,
                unitAmount: { value: 4900, currency: 'EUR' },
              },
            ],
            amount: { value: 9800, currency: 'EUR' },
            occurredAt: at.toISOString(),
            createdAt: at.toISOString(),
          },
        },
      })
    : buildEvent({
        ...base,
        type: 'activity.logged',
        data: {
          activity: {
            id: `act_${index}`,
            type: index % 3 === 0 ? 'call' : 'note',
            occurredAt: at.toISOString(),
            contactIds: [contactId],
            dealId: null,
            ownerId: 'rep_bench',
            subject: null,
            durationMinutes: index % 3 === 0 ? 15 : null,
            outcome: index % 3 === 0 ? 'connected' : null,
            body: 'Talked through the renewal and the seats they need next quarter.',
            createdAt: at.toISOString(),
            updatedAt: at.toISOString(),
            version: 1,
          },
        },
      });
};

const seed = async () => {
  const now = Date.now();
  const batches: DomainEvent[][] = [];
  for (let start = 0; start < entries; start += 25) {
    batches.push(
      Array.from({ length: Math.min(25, entries - start) }, (_, i) =>
        entry(start + i, now),
      ),
    );
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let requests: Record<string, unknown>[] | undefined = batch.map(
        (event) => ({
          PutRequest: {
            Item: {
              ...keys.event(workspaceId, event.subject, event.id),
              entity: 'Event',
              ...event,
            },
          },
        }),
      );
      while (requests && requests.length > 0) {
        const result = await dynamo().send(
          new BatchWriteCommand({
            RequestItems: { [tableName()]: requests as never },
          }),
        );
        requests = result.UnprocessedItems?.[tableName()] as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
};

/** Counts the Queries each read makes, through the client's middleware. */
let queries = 0;
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'QueryCommand') queries += 1;
    return next(args);
  },
  { step: 'initialize', name: 'countQueries' },
);

const percentile = (sorted: number[], p: number) =>
  sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ] ?? 0;

const measure = async (name: string, filter: TimelineFilter) => {
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < 20; run += 1) {
    await readTimeline(workspaceId, contactId, pageSize, undefined, filter);
  }
  queries = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const page = await readTimeline(
      workspaceId,
      contactId,
      pageSize,
      undefined,
      filter,
    );
    times.push(performance.now() - started);
    items = page.items.length;
  }
  times.sort((a, b) => a - b);

  return `| ${name} | ${items} | ${(queries / runs).toFixed(1)} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 99).toFixed(1)} |`;
};

const main = async () => {
  const port = await freePort();
  const dynamoLocal = await startDynamoDbLocal({ port });
  try {
    configureEnvironment(
      {
        port: 0,
        tableName: 'bench-timeline',
        dynamoEndpoint: dynamoLocal.endpoint,
        sesEndpoint: 'http://127.0.0.1:9',
        timeScale: 1,
      },
      'http://127.0.0.1:9',
      'arn:aws:states:us-east-1:000000000000:stateMachine:Bench',
    );
    const client = new DynamoDBClient({});
    await ensureTable(client, tableName(), blueprint.table);
    client.destroy();

    const seeding = performance.now();
    await seed();
    const seeded = ((performance.now() - seeding) / 1000).toFixed(1);

    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    const rows = [
      await measure('newest first, no filter', {}),
      await measure('type=purchase.completed (1 in 100)', {
        types: ['purchase.completed'],
      }),
      await measure('from=7 days ago', { from: lastWeek }),
    ];

    console.log(
      `Timeline first page (${pageSize} entries) of one contact with ${entries.toLocaleString('en')} entries; ${runs} reads each; seeded in ${seeded} s.\n`,
    );
    console.log('| read | entries | queries per read | p50 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
  } finally {
    await dynamoLocal.stop();
  }
};

await main();
