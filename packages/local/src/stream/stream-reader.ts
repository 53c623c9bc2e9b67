import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamConsumerSpec } from '@rapport/blueprint';
import type { DynamoDBRecord } from 'aws-lambda';
import { assertValidPattern } from '../bus/event-pattern';
import { deliverBatch, type Log, type StreamHandler } from './batch-delivery';
import { openCheckpoints } from './checkpoints';
import { pause } from './pause';
import { readShard } from './shard-reader';
import { sequenceOf } from './stream-record';

export interface StreamReaderOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  consumer: StreamConsumerSpec<string>;
  handler: StreamHandler;
  /** What the on-failure destination gets: records given up on. */
  onFailure: (
    records: DynamoDBRecord[],
    error: unknown,
  ) => Promise<void> | void;
  /** JSON file of shard id to last processed sequence number. */
  checkpointFile?: string;
  /** Pause between reads of a shard that had nothing new; default 100. */
  pollIntervalMs?: number;
  log?: Log;
}

export interface StreamReader {
  /** Stops reading, after the batch in flight, if any, is finished. */
  stop(): Promise<void>;
  /** Resolves once every record written before the call is finished with. */
  drained(): Promise<void>;
}

interface ShardState {
  parentId: string | undefined;
  status: 'waiting' | 'reading' | 'finished';
  caughtUpAt: number;
  run?: Promise<void>;
}

interface Waiter {
  since: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

const listShards = async (
  client: DynamoDBStreamsClient,
  streamArn: string,
  signal: AbortSignal,
): Promise<Shard[]> => {
  const shards: Shard[] = [];
  let after: string | undefined;

  do {
    const { StreamDescription } = await client.send(
      new DescribeStreamCommand({
        StreamArn: streamArn,
        ExclusiveStartShardId: after,
      }),
      { abortSignal: signal },
    );

    shards.push(...(StreamDescription?.Shards ?? []));
    after = StreamDescription?.LastEvaluatedShardId;
  } while (after);

  return shards;
};

/**
 * Runs a stream consumer from the blueprint against a DynamoDB stream on one
 * machine, standing in for Lambda's event source mapping: it finds the
 * stream's shards, reads each parent shard to its end before its children,
 * and delivers filtered batches with the consumer's retry settings,
 * checkpointing as it goes.
 */
export const startStreamReader = (
  options: StreamReaderOptions,
): StreamReader => {
  const { client, streamArn, consumer } = options;
  const log: Log = (entry) =>
    options.log?.({ consumer: consumer.name, streamArn, ...entry });
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const checkpoints = openCheckpoints(options.checkpointFile);
  const stopping = new AbortController();
  const { signal } = stopping;
  const shards = new Map<string, ShardState>();
  const waiters: Waiter[] = [];
  let clock = 0;
  const tick = () => ++clock;
  let listedAt = 0;
  let wake = new AbortController();

  for (const filter of consumer.filters) assertValidPattern(filter);

  const isDrainedSince = (since: number) =>
    listedAt > since &&
    [...shards.values()].every(
      (shard) => shard.status === 'finished' || shard.caughtUpAt > since,
    );

  const settleWaiters = () => {
    for (const waiter of [...waiters]) {
      if (!isDrainedSince(waiter.since)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const read = async (shardId: string, shard: ShardState) => {
    const shardLog: Log = (entry) => log({ shardId, ...entry });
    const outcome = await readShard({
      client,
      streamArn,
      shardId,
      batchSize: consumer.batchSize,
      filters: consumer.filters,
      maxBatchingWindowSeconds: consumer.maxBatchingWindowSeconds,
      checkpoints,
      deliver: (records) =>
        deliverBatch(records, {
          handler: options.handler,
          onFailure: options.onFailure,
          retryAttempts: consumer.retryAttempts,
          bisectBatchOnError: consumer.bisectBatchOnError,
          finished: async (done) => {
            const last = done[done.length - 1];

            if (last) await checkpoints.advance(shardId, sequenceOf(last));
          },
          pause: (ms) => pause(ms, signal),
          stopped: () => signal.aborted,
          log: shardLog,
        }),
      tick,
      caughtUp: (stamp) => {
        shard.caughtUpAt = stamp;
        settleWaiters();
      },
      pollIntervalMs,
      signal,
      log: shardLog,
    });

    if (outcome === 'closed') {
      shard.status = 'finished';
      shardLog({ level: 'info', message: 'Finished a closed shard' });
      startReadyShards();
      settleWaiters();
    }
  };

  // A child shard starts once its parent is finished, or is gone.
  const startReadyShards = () => {
    for (const [shardId, shard] of shards) {
      const parent = shard.parentId ? shards.get(shard.parentId) : undefined;

      if (signal.aborted || shard.status !== 'waiting') continue;
      if (parent && parent.status !== 'finished') continue;
      shard.status = 'reading';
      shard.run = read(shardId, shard).catch(async (error) => {
        if (signal.aborted) return;
        log({
          level: 'error',
          message: 'A shard reader failed',
          shardId,
          error,
        });
        await pause(pollIntervalMs * 10, signal);
        // Start again from the checkpoint, unless the reader stopped meanwhile.
        shard.status = 'waiting';
        startReadyShards();
      });
    }
  };

  const discover = async () => {
    const stamp = tick();

    for (const found of await listShards(client, streamArn, signal)) {
      if (!found.ShardId || shards.has(found.ShardId)) continue;
      shards.set(found.ShardId, {
        parentId: found.ParentShardId,
        status: 'waiting',
        caughtUpAt: 0,
      });
    }
    listedAt = stamp;
    startReadyShards();
    settleWaiters();
  };

  // New shards appear as the table's stream rolls over; look now and then,
  // and at once when asked to drain.
  const discovery = (async () => {
    while (!signal.aborted) {
      try {
        await discover();
      } catch (error) {
        if (!signal.aborted) {
          log({ level: 'error', message: 'Listing shards failed', error });
        }
      }
      await pause(
        Math.max(1_000, pollIntervalMs),
        AbortSignal.any([signal, wake.signal]),
      );
      if (wake.signal.aborted) wake = new AbortController();
    }
  })();

  return {
    drained: () =>
      new Promise((resolve, reject) => {
        if (signal.aborted) {
          return reject(new Error('The stream reader is stopped'));
        }
        waiters.push({ since: tick(), resolve, reject });
        wake.abort();
      }),
    stop: async () => {
      stopping.abort();
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error('The stream reader stopped before draining'));
      }
      await discovery;
      await Promise.all([...shards.values()].map((shard) => shard.run));
      await checkpoints.flush();
    },
  };
};
