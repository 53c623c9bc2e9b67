import { detectStalledDeals, logger } from '@rapport/core';

/** Runs daily from EventBridge Scheduler (locally, the local clock). */
export const handler = async () => {
  const report = await detectStalledDeals();
  logger.info('Stalled deals reported', {
    stalled: report.stalled.length,
    refiled: report.refiled,
  });

  return report;
};
