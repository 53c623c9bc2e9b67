import { type Clock, systemClock } from '../clock';
import { DomainError } from '../errors';
import { weightedAmount } from '../money/money';
import { readPipelineWithTotals } from '../pipeline/pipeline.store';
import type { Page } from '../table/cursor';
import type { Deal } from './deal.schema';
import { queryOpenDealsInStage } from './deal.store';

const dayMs = 86_400_000;

export type BoardDeal = Deal & { stalled: boolean };

export interface BoardStage {
  id: string;
  name: string;
  probability: number;
  stalledAfterDays: number | null;
  count: number;
  totals: { currency: string; amount: number; weighted: number }[];
  deals: Page<BoardDeal>;
}

export interface Board {
  pipelineId: string;
  name: string;
  stages: BoardStage[];
}

/**
 * A pipeline's board: per stage in order, its open deals most recently
 * moved first (a page each), their count, and their total and weighted
 * amounts per currency. It costs one Query for the pipeline and its
 * stages' running totals plus one Query per stage (or just one stage's,
 * to page through it), however many deals this or any pipeline holds.
 * Weighted amounts are each stage's total per currency times its
 * probability, rounded half to even to a whole minor unit.
 */
export const readBoard = async (
  workspaceId: string,
  pipelineId: string,
  options: {
    limit: number;
    stageId?: string;
    cursor?: string;
    clock?: Clock;
  },
): Promise<Board> => {
  const now = (options.clock ?? systemClock)().getTime();
  const { pipeline, totals } = await readPipelineWithTotals(
    workspaceId,
    pipelineId,
  );
  const stages = options.stageId
    ? pipeline.stages.filter((stage) => stage.id === options.stageId)
    : pipeline.stages;
  if (options.stageId && stages.length === 0) {
    throw new DomainError(
      404,
      'stage.not_found',
      `No stage has the id ${options.stageId}.`,
    );
  }

  const columns = await Promise.all(
    stages.map(async (stage): Promise<BoardStage> => {
      const figures = totals.get(stage.id);
      const page = await queryOpenDealsInStage(
        workspaceId,
        stage.id,
        options.limit,
        options.cursor,
      );
      const limitMs = stage.stalledAfterDays
        ? stage.stalledAfterDays * dayMs
        : undefined;

      return {
        id: stage.id,
        name: stage.name,
        probability: stage.probability,
        stalledAfterDays: stage.stalledAfterDays,
        count: figures?.openCount ?? 0,
        totals: Object.entries(figures?.openAmounts ?? {})
          .filter(([, amount]) => amount !== 0)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amount]) => ({
            currency,
            amount,
            weighted: weightedAmount(amount, stage.probability),
          })),
        deals: {
          items: page.items.map((deal) => ({
            ...deal,
            stalled:
              limitMs !== undefined &&
              now - Date.parse(deal.stageEnteredAt) >= limitMs,
          })),
          nextCursor: page.nextCursor,
        },
      };
    }),
  );

  return { pipelineId: pipeline.id, name: pipeline.name, stages: columns };
};
