import type { FunctionName, ScheduleSpec } from '@rapport/blueprint';
import { invokeFunction } from '../lambda/invoke';
import { parseScheduleExpression } from './schedule-expression';

/** setTimeout's longest wait; longer waits are taken in steps. */
const maxTimerMs = 2 ** 31 - 1;

export interface LocalSchedulerOptions {
  schedules: ScheduleSpec<FunctionName>[];
  /** How many times faster than real time the local clock runs. */
  timeScale: number;
  /** Where the local clock starts; now by default. */
  startAt?: Date;
  invoke?: (name: FunctionName, event: unknown) => Promise<unknown>;
  onDeadLetter?: (schedule: string, error: unknown) => void;
  log: (entry: Record<string, unknown>) => void;
}

export interface LocalScheduler {
  /** The local clock's time now. */
  now(): Date;
  /** Cancels every pending firing and waits for running ones to end. */
  stop(): Promise<void>;
}

/**
 * EventBridge Scheduler on one machine: each blueprint schedule fires its
 * function at the times its expression names, read on a local clock that
 * runs `timeScale` times faster than real time (a day a second at 86,400).
 * Firings of one schedule run one after another; a firing that fails is
 * logged and handed to the dead-letter sink, as Scheduler's DLQ would be.
 */
export const startLocalScheduler = (
  options: LocalSchedulerOptions,
): LocalScheduler => {
  const invoke = options.invoke ?? invokeFunction;
  const realStart = Date.now();
  const localStart = (options.startAt ?? new Date(realStart)).getTime();
  const now = () =>
    new Date(localStart + (Date.now() - realStart) * options.timeScale);
  const timers = new Map<NodeJS.Timeout, () => void>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const waitUntil = (at: Date): Promise<void> =>
    new Promise((resolve) => {
      const step = () => {
        const realMs = (at.getTime() - now().getTime()) / options.timeScale;
        if (stopped || realMs <= 0) return resolve();
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            step();
          },
          Math.min(Math.ceil(realMs), maxTimerMs),
        );
        timers.set(timer, resolve);
      };
      step();
    });

  const run = async (
    schedule: ScheduleSpec<FunctionName>,
    next: ReturnType<typeof parseScheduleExpression>,
  ) => {
    let due = next(new Date(localStart));
    while (due && !stopped) {
      await waitUntil(due);
      if (stopped) return;
      try {
        await invoke(schedule.target, {});
      } catch (error) {
        options.log({
          level: 'ERROR',
          message: 'Scheduled function failed',
          schedule: schedule.name,
          scheduledFor: due.toISOString(),
          error: String(error),
        });
        options.onDeadLetter?.(schedule.name, error);
      }
      due = next(due);
    }
  };

  // Every expression is read first, so that a bad one stops the start.
  const parsed = options.schedules.map(
    (schedule) =>
      [
        schedule,
        parseScheduleExpression(schedule.expression, new Date(localStart)),
      ] as const,
  );
  for (const [schedule, next] of parsed) running.add(run(schedule, next));

  return {
    now,
    stop: async () => {
      stopped = true;
      for (const [timer, release] of timers) {
        clearTimeout(timer);
        release();
      }
      timers.clear();
      await Promise.allSettled(running);
    },
  };
};
