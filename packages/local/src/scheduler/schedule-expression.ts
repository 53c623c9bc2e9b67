import { Cron } from 'croner';

const units: Record<string, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** The next time a schedule fires strictly after `after`. */
export type NextFire = (after: Date) => Date | undefined;

/**
 * Reads an EventBridge Scheduler expression. `rate(5 minutes)` fires every
 * period counted from `origin`; `cron(min hour day-of-month month
 * day-of-week year)` is evaluated in UTC with Scheduler's rules: days of
 * the week run 1-7 from Sunday, and `?`, `L`, `W` and `#` mean what they
 * mean there.
 */
export const parseScheduleExpression = (
  expression: string,
  origin: Date,
): NextFire => {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) {
    const periodMs = Number(rate[1]) * (units[rate[2] as string] as number);
    if (periodMs <= 0) throw new Error(`Invalid schedule: ${expression}`);

    return (after) => {
      const periods =
        Math.floor((after.getTime() - origin.getTime()) / periodMs) + 1;

      return new Date(origin.getTime() + Math.max(1, periods) * periodMs);
    };
  }

  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) {
    const fields = (cron[1] as string).trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`Invalid schedule: ${expression}`);
    // Scheduler's fields have no seconds; croner's seven-part form leads with them.
    const pattern = new Cron(`0 ${fields.join(' ')}`, {
      mode: '7-part',
      alternativeWeekdays: true,
      timezone: 'UTC',
      paused: true,
    });

    return (after) => pattern.nextRun(after) ?? undefined;
  }

  throw new Error(`Invalid schedule: ${expression}`);
};
