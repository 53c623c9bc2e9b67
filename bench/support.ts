import { randomUUID } from 'node:crypto';
import { startDynamoDbLocal } from '@rapport/local/services/dynamodb-local';
import { freePort } from '@rapport/local/services/port';
import { startSesLocal } from '@rapport/local/services/ses-local';
import { startLocalStack } from '@rapport/local/stack';

/** Percentile of sorted numbers, nearest rank. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ] ?? Number.NaN;

export const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Runs `task` `total` times with `concurrency` in flight; answers each latency in ms. */
export const load = async (
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> => {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await task(index);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return {
    latencies: latencies.sort((a, b) => a - b),
    seconds: (performance.now() - started) / 1000,
  };
};

/** Starts DynamoDB Local (in memory), the SES emulator and the local stack. */
export const startBenchStack = async (options: { timeScale?: number } = {}) => {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ port: await freePort() });
  const stack = await startLocalStack({
    port: 0,
    tableName: `bench-${randomUUID()}`,
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    timeScale: options.timeScale ?? 1,
    log: (entry) => {
      if (entry.level === 'ERROR') console.error(JSON.stringify(entry));
    },
  });

  return {
    stack,
    dynamo,
    ses,
    stop: async () => {
      await stack.stop();
      await ses.stop();
      await dynamo.stop();
    },
  };
};

/** Peak resident memory of a process in MiB, from /proc (Linux). */
export const peakMemoryMiB = async (
  pid: number,
): Promise<number | undefined> => {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);

    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

export const table = (headers: string[], rows: (string | number)[][]) =>
  [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
