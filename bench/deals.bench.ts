import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  amountAttribute,
  createDeal,
  createPipeline,
  type Deal,
  dealItem,
  dynamo,
  keys,
  type Pipeline,
  tableName,
} from '@rapport/core';
import { ulid } from 'ulid';
import { load, percentile, startBenchStack, table } from './support';

/**
 * The pipeline board for a pipeline of 10,000 open deals, through the local
 * HTTP API: latency over repeated requests and the DynamoDB requests each
 * board costs, counted by a middleware on the shared client. A second
 * pipeline of deals shows that the cost does not depend on other pipelines.
 */
const dealCount = Number(process.env.BENCH_DEALS ?? 10_000);
const otherDeals = Number(process.env.BENCH_OTHER_DEALS ?? 2_000);
const boards = Number(process.env.BENCH_BOARDS ?? 200);
const currencies = ['EUR', 'USD', 'JPY', 'BHD'];

const main = async () => {
  const { stack, stop } = await startBenchStack();
  let requests = 0;
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const context = { actor: { type: 'system' as const } };
  const stages = ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Contract'];
  const pipelineOf = (name: string) =>
    createPipeline(stack.workspaceId, {
      name,
      stages: stages.map((stage, i) => ({
        name: stage,
        probability: 10 + 20 * i,
        stalledAfterDays: 14,
      })),
    });
  // Deals are seeded as the items a create leaves for the board (the deal,
  // filed under its stage, and its stage's totals), written in batches:
  // 10,000 transactional creates take DynamoDB Local many minutes.
  const seed = async (pipeline: Pipeline, count: number) => {
    const at = Date.now() - count * 1000;
    const deals: Deal[] = Array.from({ length: count }, (_, i) => {
      const stage = pipeline.stages[i % pipeline.stages.length];
      const iso = new Date(at + i * 1000).toISOString();
      return {
        id: `deal_${ulid(at + i * 1000)}`,
        title: `Deal ${i}`,
        pipelineId: pipeline.id,
        stageId: stage?.id as string,
        amount: {
          value: 1_000 + (i % 977) * 13,
          currency: currencies[i % 4] as string,
        },
        ownerId: `usr_${i % 7}`,
        primaryContactId: null,
        contactIds: [],
        expectedCloseDate: null,
        status: 'open',
        lostReason: null,
        createdAt: iso,
        updatedAt: iso,
        closedAt: null,
        stageEnteredAt: iso,
        timeInStageMs: {},
        stalledAt: null,
        version: 1,
      };
    });
    const batches = Array.from({ length: Math.ceil(count / 25) }, (_, b) =>
      deals.slice(b * 25, b * 25 + 25),
    );
    const seeding = await load(batches.length, 4, async (b) => {
      let writes = (batches[b] ?? []).map((deal) => ({
        PutRequest: {
          Item: dealItem(
            stack.workspaceId,
            deal,
            pipeline.stages.find((s) => s.id === deal.stageId),
          ),
        },
      }));
      while (writes.length > 0) {
        const { UnprocessedItems } = await dynamo().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: writes } }),
        );
        writes = (UnprocessedItems?.[tableName()] ?? []) as typeof writes;
      }
    });
    for (const stage of pipeline.stages) {
      const inStage = deals.filter((deal) => deal.stageId === stage.id);
      const sums = new Map<string, number>();
      for (const deal of inStage) {
        const { currency, value } = deal.amount as {
          currency: string;
          value: number;
        };
        sums.set(currency, (sums.get(currency) ?? 0) + value);
      }
      const names = [...sums.keys()];
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.stageTotals(stack.workspaceId, pipeline.id, stage.id),
          UpdateExpression: `ADD openCount :count, ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(
            names.map((name, i) => [`#c${i}`, amountAttribute(name)]),
          ),
          ExpressionAttributeValues: {
            ':count': inStage.length,
            ...Object.fromEntries(
              names.map((name, i) => [`:c${i}`, sums.get(name)]),
            ),
          },
        }),
      );
    }

    return seeding;
  };

  const measured = await pipelineOf('Measured');
  const seeding = await seed(measured, dealCount);
  // A few real creates on top: the board must count them with the rest.
  for (let i = 0; i < 20; i += 1) {
    await createDeal(
      stack.workspaceId,
      {
        title: `Live ${i}`,
        pipelineId: measured.id,
        amount: { value: 100, currency: 'EUR' },
      },
      context,
    );
  }
  const other = await pipelineOf('Other');
  await seed(other, otherDeals);
  await stack.drained();

  const board = async (pipelineId: string) => {
    const response = await fetch(
      `${stack.apiUrl}/v1/pipelines/${pipelineId}/board`,
      {
        headers: { authorization: `Bearer ${stack.apiKey}` },
      },
    );
    if (response.status !== 200)
      throw new Error(`Board answered ${response.status}`);
    return (await response.json()) as { stages: { count: number }[] };
  };
  const check = await board(measured.id); // also warms the handler and key cache
  const seen = check.stages.reduce((sum, stage) => sum + stage.count, 0);
  if (seen !== dealCount + 20)
    throw new Error(`Board counts ${seen} deals, not ${dealCount + 20}`);

  const before = requests;
  const run = await load(boards, 1, async () => {
    await board(measured.id);
  });
  const perBoard = (requests - before) / boards;
  const otherBefore = requests;
  await board(other.id);
  const perOtherBoard = requests - otherBefore;
  await stop();

  console.log(`## Deals: the pipeline board\n`);
  console.log(
    table(
      [
        'pipeline',
        'open deals',
        'stages',
        'boards',
        'p50 ms',
        'p99 ms',
        'DynamoDB requests per board',
      ],
      [
        [
          'measured',
          dealCount + 20,
          stages.length,
          boards,
          percentile(run.latencies, 50).toFixed(1),
          percentile(run.latencies, 99).toFixed(1),
          perBoard,
        ],
        ['other', otherDeals, stages.length, 1, '-', '-', perOtherBoard],
      ],
    ),
  );
  console.log(
    `\nSeeded ${dealCount} deals in ${seeding.seconds.toFixed(0)} s of batch writes, then 20 through createDeal; ` +
      `each board answers a page of 25 deals per stage.`,
  );
};

await main();
