import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { notFound } from '../errors';
import type { Page } from '../table/cursor';
import { queryIdPage } from '../table/id-page';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import { type Pipeline, pipelineSchema } from './pipeline.schema';

/** A stage's running figures: its deals and their open amounts. */
export interface StageTotals {
  stageId: string;
  openCount: number;
  closedCount: number;
  /** Sum of open deals' amounts, in minor units, by currency. */
  openAmounts: Record<string, number>;
}

const amountPrefix = 'amount_';

/** The attribute that sums a stage's open amounts in one currency. */
export const amountAttribute = (currency: string) =>
  `${amountPrefix}${currency}`;

export const pipelineItem = (workspaceId: string, pipeline: Pipeline) => ({
  ...keys.pipeline(workspaceId, pipeline.id),
  ...keys.pipelineListing(workspaceId, pipeline.id),
  entity: 'Pipeline',
  workspaceId,
  ...pipeline,
});

/** Starts a stage's totals at zero; a deal can only enter a stage that has them. */
export const newStageTotalsStep = (
  workspaceId: string,
  pipelineId: string,
  stageId: string,
): TransactionStep => ({
  write: {
    Put: {
      TableName: '',
      Item: {
        ...keys.stageTotals(workspaceId, pipelineId, stageId),
        entity: 'StageTotals',
        workspaceId,
        pipelineId,
        stageId,
        openCount: 0,
        closedCount: 0,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
});

const totalsFromItem = (item: Record<string, unknown>): StageTotals => ({
  stageId: String(item.stageId),
  openCount: Number(item.openCount ?? 0),
  closedCount: Number(item.closedCount ?? 0),
  openAmounts: Object.fromEntries(
    Object.entries(item)
      .filter(([name]) => name.startsWith(amountPrefix))
      .map(([name, value]) => [name.slice(amountPrefix.length), Number(value)]),
  ),
});

export const readPipeline = async (
  workspaceId: string,
  pipelineId: string,
): Promise<Pipeline | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.pipeline(workspaceId, pipelineId),
      ConsistentRead: true,
    }),
  );

  return Item ? fromItem(pipelineSchema, Item) : undefined;
};

export const getPipeline = async (
  workspaceId: string,
  pipelineId: string,
): Promise<Pipeline> => {
  const pipeline = await readPipeline(workspaceId, pipelineId);
  if (!pipeline) throw notFound('pipeline', pipelineId);

  return pipeline;
};

/**
 * A pipeline and every stage's totals: a Get of the pipeline item and a
 * Query of its partition's stage items, which leaves out the pipeline's
 * timeline (its `EV#` items) however long it grows.
 */
export const readPipelineWithTotals = async (
  workspaceId: string,
  pipelineId: string,
): Promise<{ pipeline: Pipeline; totals: Map<string, StageTotals> }> => {
  const { pk } = keys.pipeline(workspaceId, pipelineId);
  const items: Record<string, unknown>[] = [];
  const reading = readPipeline(workspaceId, pipelineId);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :stage)',
        ExpressionAttributeValues: {
          ':pk': pk,
          ':stage': keys.stageTotalsPrefix,
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);

  const pipeline = await reading;
  if (!pipeline) throw notFound('pipeline', pipelineId);
  const totals = new Map(
    items.map((item) => [String(item.stageId), totalsFromItem(item)]),
  );

  return { pipeline, totals };
};

/** A page of pipelines in creation order, from the listing index. */
export const queryPipelines = (
  workspaceId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Pipeline>> =>
  queryIdPage({
    scope: 'pipelines',
    index: 'gsi1',
    partition: ['gsi1pk', keys.pipelineListing(workspaceId, '').gsi1pk],
    startKey: (id) => ({
      ...keys.pipelineListing(workspaceId, id),
      ...keys.pipeline(workspaceId, id),
    }),
    parse: (item) => fromItem(pipelineSchema, item),
    limit,
    cursor,
  });
