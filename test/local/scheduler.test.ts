import { blueprint, type FunctionName } from '@rapport/blueprint';
import { startLocalScheduler } from '@rapport/local/scheduler/local-scheduler';
import { parseScheduleExpression } from '@rapport/local/scheduler/schedule-expression';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const origin = new Date('2026-03-02T05:30:00.000Z'); // a Monday

describe('schedule expressions', () => {
  it.each([
    ['rate(5 minutes)', '2026-03-02T05:30:00.000Z', '2026-03-02T05:35:00.000Z'],
    ['rate(1 minute)', '2026-03-02T05:31:30.000Z', '2026-03-02T05:32:00.000Z'],
    ['rate(2 hours)', '2026-03-02T07:30:00.000Z', '2026-03-02T09:30:00.000Z'],
    ['rate(1 day)', '2026-03-02T05:30:00.000Z', '2026-03-03T05:30:00.000Z'],
    [
      'cron(0 6 * * ? *)',
      '2026-03-02T05:30:00.000Z',
      '2026-03-02T06:00:00.000Z',
    ],
    [
      'cron(0 6 * * ? *)',
      '2026-03-02T06:00:00.000Z',
      '2026-03-03T06:00:00.000Z',
    ],
    [
      'cron(15 12 ? * 2 *)',
      '2026-03-02T12:15:00.000Z',
      '2026-03-09T12:15:00.000Z',
    ],
    [
      'cron(0 9 ? * MON-FRI *)',
      '2026-03-06T10:00:00.000Z',
      '2026-03-09T09:00:00.000Z',
    ],
    [
      'cron(0 0 L * ? *)',
      '2026-03-02T05:30:00.000Z',
      '2026-03-31T00:00:00.000Z',
    ],
    [
      'cron(0 8 1 1 ? 2028)',
      '2026-03-02T05:30:00.000Z',
      '2028-01-01T08:00:00.000Z',
    ],
  ])('%s fires after %s at %s', (expression, after, expected) => {
    const next = parseScheduleExpression(expression, origin);

    expect(next(new Date(after))?.toISOString()).toBe(expected);
  });

  it.each(['rate(0 minutes)', 'rate(5 weeks)', 'cron(0 6 * * ?)', 'every day'])(
    'refuses %s',
    (expression) => {
      expect(() => parseScheduleExpression(expression, origin)).toThrow(
        /Invalid schedule|invalid|Invalid/,
      );
    },
  );
});

describe('the local scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-02T05:30:00.000Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires a daily cron once per local day on a clock running a day an hour', async () => {
    const fired: { name: FunctionName; at: string }[] = [];
    const scheduler = startLocalScheduler({
      schedules: [
        { name: 'Daily', expression: 'cron(0 6 * * ? *)', target: 'health' },
      ],
      timeScale: 24,
      invoke: async (name) => {
        fired.push({ name, at: scheduler.now().toISOString() });
      },
      log: () => undefined,
    });

    // Three real hours are three local days.
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    await scheduler.stop();

    expect(fired).toEqual([
      { name: 'health', at: '2026-03-02T06:00:00.000Z' },
      { name: 'health', at: '2026-03-03T06:00:00.000Z' },
      { name: 'health', at: '2026-03-04T06:00:00.000Z' },
    ]);
  });

  it('fires a rate schedule every period and stops firing when stopped', async () => {
    const fired: string[] = [];
    const scheduler = startLocalScheduler({
      schedules: [
        { name: 'Often', expression: 'rate(10 minutes)', target: 'health' },
      ],
      timeScale: 60,
      invoke: async () => {
        fired.push(scheduler.now().toISOString());
      },
      log: () => undefined,
    });

    await vi.advanceTimersByTimeAsync(35_000);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(fired).toEqual([
      '2026-03-02T05:40:00.000Z',
      '2026-03-02T05:50:00.000Z',
      '2026-03-02T06:00:00.000Z',
    ]);
  });

  it('hands a failing firing to the dead-letter sink and keeps the schedule', async () => {
    const deadLetters: string[] = [];
    let calls = 0;
    const scheduler = startLocalScheduler({
      schedules: [
        { name: 'Flaky', expression: 'rate(1 minute)', target: 'health' },
      ],
      timeScale: 1,
      invoke: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
      onDeadLetter: (schedule) => deadLetters.push(schedule),
      log: () => undefined,
    });

    await vi.advanceTimersByTimeAsync(120_000);
    await scheduler.stop();

    expect(calls).toBe(2);
    expect(deadLetters).toEqual(['Flaky']);
  });

  it('runs the blueprint’s stalled-deal search daily', async () => {
    const fired: string[] = [];
    const scheduler = startLocalScheduler({
      schedules: blueprint.schedules.filter(
        (schedule) => schedule.target === 'detectStalledDeals',
      ),
      timeScale: 86_400,
      invoke: async (name) => {
        // A real millisecond is 86.4 local seconds here: compare minutes.
        fired.push(`${name}@${scheduler.now().toISOString().slice(0, 16)}`);
      },
      log: () => undefined,
    });

    await vi.advanceTimersByTimeAsync(2_000);
    await scheduler.stop();

    expect(fired).toEqual([
      'detectStalledDeals@2026-03-02T06:00',
      'detectStalledDeals@2026-03-03T06:00',
    ]);
  });
});
