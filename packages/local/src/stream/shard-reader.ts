import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { EventPattern } from '@rapport/blueprint';
import type { DynamoDBRecord } from 'aws-lambda';
import { matchesPattern } from '../bus/event-pattern';
import type { Log } from './batch-delivery';
import type { Checkpoints } from './checkpoints';
import { pause } from './pause';
import { sequenceOf, toLambdaRecord } from './stream-record';

/** What one shard's reader needs from the stream reader around it. */
export interface ShardContext {
  client: DynamoDBStreamsClient;
  streamArn: string;
  shardId: string;
  batchSize: number;
  filters: EventPattern[];
  maxBatchingWindowSeconds: number;
  checkpoints: Checkpoints;
  /** Delivers one batch; false when the reader stopped before finishing. */
  deliver: (records: DynamoDBRecord[]) => Promise<boolean>;
  /** A logical clock, so that "read after" has no same-millisecond tie. */
  tick: () => number;
  /** Reports a read, begun at `stamp`, that found nothing left to do. */
  caughtUp: (stamp: number) => void;
  pollIntervalMs: number;
  signal: AbortSignal;
  log: Log;
}

/** A record that passed the filters, with the position just before it. */
interface Waiting {
  record: DynamoDBRecord;
  before: string | undefined;
  readAt: number;
}

const openIterator = async (shard: ShardContext, trimmed = false) => {
  const after = trimmed ? undefined : shard.checkpoints.get(shard.shardId);

  try {
    const { ShardIterator } = await shard.client.send(
      new GetShardIteratorCommand({
        StreamArn: shard.streamArn,
        ShardId: shard.shardId,
        ...(after
          ? {
              ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
              SequenceNumber: after,
            }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
      { abortSignal: shard.signal },
    );

    return ShardIterator;
  } catch (error) {
    if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
    // Records past the checkpoint are gone; read what the shard still has.
    shard.log({ level: 'warn', message: 'Checkpoint trimmed', error });

    return openIterator(shard, true);
  }
};

type Page = { records: DynamoDBRecord[]; next: string | undefined };

/** One GetRecords call, answering `expired` when the iterator timed out. */
const readPage = async (
  shard: ShardContext,
  iterator: string,
): Promise<Page | 'expired' | 'failed'> => {
  try {
    const page = await shard.client.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
      { abortSignal: shard.signal },
    );

    return {
      records: (page.Records ?? []).map((record) =>
        toLambdaRecord(record, shard.streamArn),
      ),
      next: page.NextShardIterator,
    };
  } catch (error) {
    if (shard.signal.aborted) return 'failed';
    if ((error as Error).name === 'ExpiredIteratorException') return 'expired';
    shard.log({ level: 'error', message: 'Reading the shard failed', error });
    await pause(shard.pollIntervalMs, shard.signal);

    return 'failed';
  }
};

/**
 * Reads one shard from its checkpoint to its end, as Lambda's event source
 * mapping does: drops records that match no filter, delivers the rest in
 * order in batches of at most `batchSize`, one batch at a time, and moves the
 * checkpoint past every record finished with. Resolves `closed` once a closed
 * shard is read to its end, or `stopped` when the signal aborts.
 */
export const readShard = async (
  shard: ShardContext,
): Promise<'closed' | 'stopped'> => {
  const { checkpoints, shardId, signal } = shard;
  const windowMs = shard.maxBatchingWindowSeconds * 1000;
  const passes = (record: DynamoDBRecord) =>
    shard.filters.length === 0 ||
    shard.filters.some((filter) => matchesPattern(filter, record));
  let waiting: Waiting[] = [];
  let readUpTo = checkpoints.get(shardId);
  let iterator = await openIterator(shard);
  // A batch still filling waits no longer than its batching window.
  const windowLeft = () =>
    waiting[0]
      ? waiting[0].readAt + windowMs - Date.now()
      : Number.POSITIVE_INFINITY;

  while (iterator && !signal.aborted) {
    const stamp = shard.tick();
    const page = await readPage(shard, iterator);

    if (page === 'failed') continue;
    if (page === 'expired') {
      // Start again from the checkpoint, which nothing waiting has passed.
      waiting = [];
      readUpTo = checkpoints.get(shardId);
      iterator = await openIterator(shard);
      continue;
    }
    for (const record of page.records) {
      if (passes(record)) {
        waiting.push({ record, before: readUpTo, readAt: Date.now() });
      }
      readUpTo = sequenceOf(record);
    }
    iterator = page.next;

    // A closed shard has nothing more to wait for.
    while (
      waiting.length >= shard.batchSize ||
      (waiting.length > 0 && (!iterator || windowLeft() <= 0))
    ) {
      const batch = waiting.splice(0, shard.batchSize);

      if (!(await shard.deliver(batch.map(({ record }) => record)))) {
        return 'stopped';
      }
    }
    // Records dropped by the filters are passed too.
    const passed = waiting.length > 0 ? waiting[0]?.before : readUpTo;

    if (passed) await checkpoints.advance(shardId, passed);
    if (page.records.length > 0) continue;
    if (waiting.length === 0) shard.caughtUp(stamp);
    await pause(Math.min(shard.pollIntervalMs, windowLeft()), signal);
  }

  return signal.aborted ? 'stopped' : 'closed';
};
