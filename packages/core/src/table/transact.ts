import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';

type WriteItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * One item of a transaction. When its condition fails, `onConditionFailed`
 * receives the item as it was and answers the error to throw.
 */
export type TransactionStep = {
  write: WriteItem;
  onConditionFailed?: (existing: Record<string, unknown> | undefined) => Error;
};

const withTable = (write: WriteItem): WriteItem => {
  const [kind, body] = Object.entries(write)[0] as [string, object];

  return {
    [kind]: {
      ...body,
      TableName: tableName(),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  } as WriteItem;
};

/**
 * Writes every step or none. A failed condition is turned into the error
 * its step names; anything else propagates.
 */
export const transact = async (steps: TransactionStep[]): Promise<void> => {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: steps.map((step) => withTable(step.write)),
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;

    const reasons = error.CancellationReasons ?? [];
    for (const [index, reason] of reasons.entries()) {
      const step = steps[index];
      if (reason.Code !== 'ConditionalCheckFailed' || !step?.onConditionFailed)
        continue;

      const existing = reason.Item
        ? unmarshall(reason.Item as Parameters<typeof unmarshall>[0])
        : undefined;
      throw step.onConditionFailed(existing);
    }
    throw error;
  }
};

/** Whether a cancellation came from a conflicting concurrent transaction. */
export const isTransactionConflict = (error: unknown): boolean =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some(
    (reason) => reason.Code === 'TransactionConflict',
  );

/**
 * Runs `attempt` again, after a jittered pause that grows, while it fails
 * because a concurrent write got there first (by default: DynamoDB
 * cancelled the transaction for another on the same items, such as a busy
 * counter). Each try checks its conditions afresh, so a retry never
 * overwrites a change it did not see.
 */
export const retryOnConflict = async <T>(
  attempt: () => Promise<T>,
  options: { attempts?: number; isRace?: (error: unknown) => boolean } = {},
): Promise<T> => {
  const { attempts = 6, isRace = isTransactionConflict } = options;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRace(error) || tries >= attempts) throw error;
      const backoff = 10 * 2 ** tries;
      await new Promise((resolve) =>
        setTimeout(resolve, backoff / 2 + Math.random() * backoff),
      );
    }
  }
};

/** `transact`, tried again while concurrent transactions cancel it. */
export const transactRetrying = (
  steps: TransactionStep[],
  attempts = 8,
): Promise<void> => retryOnConflict(() => transact(steps), { attempts });
