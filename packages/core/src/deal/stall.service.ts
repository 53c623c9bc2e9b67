import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '@rapport/events';
import { dynamo } from '../aws';
import { type Clock, systemClock } from '../clock';
import { tableName } from '../config';
import { DomainError } from '../errors';
import { buildEvent } from '../event/event.item';
import { logger } from '../log';
import type { Pipeline } from '../pipeline/pipeline.schema';
import { readPipeline } from '../pipeline/pipeline.store';
import { keys } from '../table/keys';
import { transactRetrying } from '../table/transact';
import type { Deal } from './deal.schema';
import { dealWriteSteps, readDeal, stallDueAt } from './deal.store';

interface DueEntry {
  workspaceId: string;
  dealId: string;
  dueAt: string;
}

/** Deals whose stall date has passed, from one shard of the sparse index. */
const dueInShard = async (shard: number, now: Date): Promise<DueEntry[]> => {
  const entries: DueEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :upTo',
        ExpressionAttributeValues: {
          ':pk': `STALLDUE#${shard}`,
          // '~' sorts after every character of the workspace and deal ids.
          ':upTo': `${now.toISOString()}#~`,
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const [dueAt, workspaceId, dealId] = String(item.gsi2sk).split('#');
      entries.push({
        dueAt: String(dueAt),
        workspaceId: String(workspaceId),
        dealId: String(dealId),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);

  return entries;
};

/** Moves a deal's stall date to what its stage's current limit says. */
const refile = (workspaceId: string, deal: Deal, dueAt: string | undefined) => {
  const index = dueAt ? keys.stallDue(workspaceId, dueAt, deal.id) : undefined;

  return dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.deal(workspaceId, deal.id),
      UpdateExpression: index
        ? 'SET gsi2pk = :pk, gsi2sk = :sk'
        : 'REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'version = :seen',
      ExpressionAttributeValues: {
        ':seen': deal.version,
        ...(index ? { ':pk': index.gsi2pk, ':sk': index.gsi2sk } : {}),
      },
    }),
  );
};

export interface StallReport {
  /** Deals reported stalled by this run. */
  stalled: string[];
  /** Entries whose stage limit changed since they were filed. */
  refiled: number;
}

/**
 * Reports every open deal that has sat in its stage past the stage's
 * limit, once per stay: `deal.stalled` is written with `stalledAt` on the
 * deal, which takes it out of the sparse stall index until it moves again.
 * It reads only the index's due entries, never the table. A run that
 * overlaps another, or repeats, finds nothing left to report.
 */
export const detectStalledDeals = async (
  clock: Clock = systemClock,
): Promise<StallReport> => {
  const now = clock();
  const report: StallReport = { stalled: [], refiled: 0 };
  const pipelines = new Map<string, Promise<Pipeline | undefined>>();
  const pipelineOf = (workspaceId: string, pipelineId: string) => {
    const key = `${workspaceId}/${pipelineId}`;
    if (!pipelines.has(key))
      pipelines.set(key, readPipeline(workspaceId, pipelineId));

    return pipelines.get(key) as Promise<Pipeline | undefined>;
  };

  for (let shard = 0; shard < keys.stallShards; shard += 1) {
    for (const entry of await dueInShard(shard, now)) {
      try {
        const deal = await readDeal(entry.workspaceId, entry.dealId);
        if (!deal || deal.status !== 'open' || deal.stalledAt) continue;
        const pipeline = await pipelineOf(entry.workspaceId, deal.pipelineId);
        const stage = pipeline?.stages.find((s) => s.id === deal.stageId);
        const dueAt = stallDueAt(deal, stage);
        if (!stage?.stalledAfterDays || !dueAt || dueAt > now.toISOString()) {
          await refile(entry.workspaceId, deal, dueAt);
          report.refiled += 1;
          continue;
        }
        await reportStall(
          entry.workspaceId,
          deal,
          stage.stalledAfterDays,
          stage,
          now,
        );
        report.stalled.push(deal.id);
      } catch (error) {
        // A deal that changed under us is filed anew by that change.
        const changed =
          (error instanceof DomainError && error.status === 412) ||
          (error as Error).name === 'ConditionalCheckFailedException';
        if (!changed) throw error;
        logger.info('Deal changed while checking its stall', { ...entry });
      }
    }
  }

  return report;
};

const reportStall = async (
  workspaceId: string,
  deal: Deal,
  stalledAfterDays: number,
  stage: NonNullable<Pipeline['stages'][number]>,
  now: Date,
) => {
  const next: Deal = {
    ...deal,
    stalledAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: deal.version + 1,
  };
  const event = buildEvent({
    type: 'deal.stalled',
    workspaceId,
    subject: { type: 'deal', id: deal.id },
    actor: { type: 'system' },
    data: {
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      stageEnteredAt: deal.stageEnteredAt,
      stalledAfterDays,
    },
    at: now,
  }) as DomainEvent;

  await transactRetrying(
    dealWriteSteps({
      workspaceId,
      before: deal,
      after: next,
      stage,
      events: [event],
    }),
  );
};
