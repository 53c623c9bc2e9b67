import type {
  DynamoDBRecord,
  DynamoDBStreamEvent,
  DynamoDBStreamHandler,
} from 'aws-lambda';
import { sequenceOf } from './stream-record';

/** What Lambda's own stream handlers may answer: a batch response or nothing. */
export type StreamResponse = Awaited<ReturnType<DynamoDBStreamHandler>>;

export type StreamHandler = (
  event: DynamoDBStreamEvent,
) => Promise<StreamResponse>;

export type Log = (entry: Record<string, unknown>) => void;

export interface DeliveryOptions {
  handler: StreamHandler;
  /** The on-failure destination: records the handler never got through. */
  onFailure: (
    records: DynamoDBRecord[],
    error: unknown,
  ) => Promise<void> | void;
  /** Retries after the first failure; a negative number retries forever. */
  retryAttempts: number;
  bisectBatchOnError: boolean;
  /** Marks records, in order, as finished with: the checkpoint passes them. */
  finished: (records: DynamoDBRecord[]) => Promise<void>;
  /** Waits before a retry; resolves early when the reader stops. */
  pause: (ms: number) => Promise<void>;
  stopped: () => boolean;
  log: Log;
}

/** How an invocation failed, and from which record of its batch. */
interface Failure {
  kind: 'error' | 'partial';
  from: number;
  error: unknown;
}

interface Part {
  records: DynamoDBRecord[];
  retries: number;
}

const malformed = (response: unknown): Failure => ({
  kind: 'error',
  from: 0,
  error: new Error(
    `The handler answered a malformed batch response: ${JSON.stringify(response)?.slice(0, 300)}`,
  ),
});

// Lambda's rules for a partial batch response: nothing or an empty list is
// success; an identifier that is not a sequence number of the batch fails it
// whole; otherwise the batch is retried from the earliest failed record.
const readResponse = (
  response: unknown,
  records: DynamoDBRecord[],
): Failure | undefined => {
  if (response === undefined || response === null) return undefined;
  if (typeof response !== 'object') return malformed(response);
  const failures = (response as { batchItemFailures?: unknown })
    .batchItemFailures;

  if (failures === undefined || failures === null) return undefined;
  if (!Array.isArray(failures)) return malformed(response);
  const sequenceNumbers = records.map(sequenceOf);
  const positions = failures.map((failure: unknown) => {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;

    return typeof id === 'string' ? sequenceNumbers.indexOf(id) : -1;
  });

  if (positions.includes(-1)) return malformed(response);
  if (positions.length === 0) return undefined;
  const from = Math.min(...positions);

  return {
    kind: 'partial',
    from,
    error: new Error(`The handler failed record ${sequenceNumbers[from]}`),
  };
};

const invoke = async (
  handler: StreamHandler,
  records: DynamoDBRecord[],
): Promise<Failure | undefined> => {
  try {
    return readResponse(await handler({ Records: records }), records);
  } catch (error) {
    return { kind: 'error', from: 0, error };
  }
};

const backoffMs = (retries: number) => Math.min(1_000, 50 * 2 ** retries);

/**
 * Hands one batch of a shard to the handler as a Lambda event source mapping
 * does: retries a failed batch after a short backoff, from the first failed
 * record when the handler reports batch item failures, halving a batch that
 * throws when bisecting is on, and gives the records to `onFailure` once the
 * retries are spent. Resolves true once every record is finished with, or
 * false if the reader stopped first (the unfinished records stay unpassed).
 */
export const deliverBatch = async (
  records: DynamoDBRecord[],
  options: DeliveryOptions,
): Promise<boolean> => {
  const { log, retryAttempts } = options;
  const queue: Part[] = [{ records, retries: 0 }];

  for (let part = queue.shift(); part; part = queue.shift()) {
    if (options.stopped()) return false;
    const failure = await invoke(options.handler, part.records);

    if (!failure) {
      await options.finished(part.records);
      continue;
    }
    await options.finished(part.records.slice(0, failure.from));
    const rest = part.records.slice(failure.from);
    const context = {
      records: rest.length,
      firstSequenceNumber: rest[0] && sequenceOf(rest[0]),
      retries: part.retries,
      error: failure.error,
    };

    if (
      failure.kind === 'error' &&
      options.bisectBatchOnError &&
      rest.length > 1
    ) {
      // Splitting a batch does not use up a retry, as in Lambda.
      const half = Math.ceil(rest.length / 2);

      log({ level: 'warn', message: 'Splitting a failed batch', ...context });
      queue.unshift(
        { records: rest.slice(0, half), retries: part.retries },
        { records: rest.slice(half), retries: part.retries },
      );
      continue;
    }
    if (retryAttempts >= 0 && part.retries >= retryAttempts) {
      log({ level: 'error', message: 'Giving up on records', ...context });
      try {
        await options.onFailure(rest, failure.error);
      } catch (error) {
        log({ level: 'error', message: 'The on-failure hook threw', error });
      }
      await options.finished(rest);
      continue;
    }
    log({ level: 'warn', message: 'Retrying a failed batch', ...context });
    await options.pause(backoffMs(part.retries));
    queue.unshift({ records: rest, retries: part.retries + 1 });
  }

  return true;
};
