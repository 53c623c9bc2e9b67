import { continueRescores, logger } from '@rapport/core';

/** Run by the scheduler: finishes re-scores that rule changes left open. */
export const handler = async (): Promise<{
  workspaces: number;
  examined: number;
  complete: number;
}> => {
  const result = await continueRescores({ budgetMs: 240_000 });
  logger.info('Re-scores continued', result);

  return result;
};
