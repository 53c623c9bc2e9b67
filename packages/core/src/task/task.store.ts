import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import { type Task, taskSchema } from './task.schema';

/** The hour (`2026-12-04T17`) a time falls in. */
export const hourOf = (at: string | Date): string =>
  new Date(at).toISOString().slice(0, 13);

/**
 * The stored form of a task. An open task carries its to-do list index
 * entry and the hour its due marker is filed under; a done task neither.
 */
export const taskItem = (
  workspaceId: string,
  task: Task,
  dueMarkerHour: string | null,
) => ({
  ...keys.task(workspaceId, task.id),
  ...(task.status === 'open'
    ? keys.openTaskListing(workspaceId, task.ownerId, task.dueAt, task.id)
    : {}),
  entity: 'Task',
  workspaceId,
  ...task,
  ...(dueMarkerHour ? { dueMarkerHour } : {}),
});

export interface StoredTask {
  task: Task;
  dueMarkerHour: string | null;
}

export const readTask = async (
  workspaceId: string,
  taskId: string,
): Promise<StoredTask | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.task(workspaceId, taskId),
      ConsistentRead: true,
    }),
  );

  return Item
    ? {
        task: fromItem(taskSchema, Item),
        dueMarkerHour: (Item.dueMarkerHour as string | undefined) ?? null,
      }
    : undefined;
};

/** Files a task to be announced when due; `hour` is where it is filed. */
export const fileDueMarker = (
  workspaceId: string,
  task: Task,
  hour: string,
): TransactionStep => ({
  write: {
    Put: {
      TableName: '',
      Item: {
        ...keys.taskDue(workspaceId, task.id, task.dueAt, hour),
        entity: 'TaskDue',
        workspaceId,
        taskId: task.id,
        dueAt: task.dueAt,
      },
    },
  },
});

export const dropDueMarker = (
  workspaceId: string,
  task: Task,
  hour: string,
): TransactionStep => ({
  write: {
    Delete: {
      TableName: '',
      Key: keys.taskDue(workspaceId, task.id, task.dueAt, hour),
    },
  },
});

/**
 * A page of an owner's open tasks due in `[from, to)`, soonest first, from
 * the sparse to-do list index: one Query, however many tasks are done.
 */
export const queryOpenTasks = async (
  workspaceId: string,
  ownerId: string,
  range: { from?: Date; to?: Date },
  limit: number,
  cursor?: string,
): Promise<Page<Task>> => {
  const after = cursor ? decodeCursor(`tasks:${ownerId}`, cursor) : undefined;
  const { gsi1pk } = keys.openTaskListing(workspaceId, ownerId, '', '');
  // Index sort keys are `<dueAt>#<taskId>`; ISO times sort as text.
  const low = range.from ? range.from.toISOString() : '0';
  const high = range.to ? range.to.toISOString() : '\uffff';
  const afterTaskId = after?.split('#').at(-1);
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :low AND :high',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':low': low, ':high': high },
      Limit: limit,
      ExclusiveStartKey:
        after && afterTaskId && after >= low && after <= high
          ? { gsi1pk, gsi1sk: after, ...keys.task(workspaceId, afterTaskId) }
          : undefined,
    }),
  );
  const items = Items.map((item) => fromItem(taskSchema, item));
  const last = Items.at(-1);

  return {
    items,
    nextCursor:
      LastEvaluatedKey && last
        ? encodeCursor(`tasks:${ownerId}`, String(last.gsi1sk))
        : null,
  };
};
