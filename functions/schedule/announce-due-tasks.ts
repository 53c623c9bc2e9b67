import { announceDueTasks, logger } from '@rapport/core';

/** Run by the scheduler: announces every task that has fallen due. */
export const handler = async (): Promise<{ announced: number }> => {
  const announced = await announceDueTasks(new Date());
  logger.info('Due tasks announced', { announced });

  return { announced };
};
