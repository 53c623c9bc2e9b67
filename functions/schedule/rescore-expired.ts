import { logger, rescoreExpired } from '@rapport/core';

/** Run daily by the scheduler: re-scores contacts whose points expired. */
export const handler = async (): Promise<{
  examined: number;
  changed: number;
}> => {
  const result = await rescoreExpired(new Date());
  logger.info('Expired scores re-scored', result);

  return result;
};
