import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { buildEvent } from '../event/event.item';
import { logger } from '../log';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import { taskEventSteps, taskRecords } from './task.service';
import { hourOf, readTask } from './task.store';

const checkpointName = 'task-due';
/** How far back a first run looks for tasks filed before it. */
const firstRunLookbackHours = 24;

const hoursBetween = (first: string, last: string): string[] => {
  const hours: string[] = [];
  for (
    let at = new Date(`${first}:00:00Z`).getTime();
    at <= new Date(`${last}:00:00Z`).getTime();
    at += 3_600_000
  ) {
    hours.push(hourOf(new Date(at)));
  }

  return hours;
};

/**
 * Announces one due task: its marker is deleted on condition that it is
 * still there, in the transaction that appends `task.due`, so two runs
 * (or a retried one) announce it once. A marker whose task was completed
 * or moved meanwhile is dropped silently.
 */
const announce = async (marker: Record<string, unknown>): Promise<boolean> => {
  const workspaceId = String(marker.workspaceId);
  const stored = await readTask(workspaceId, String(marker.taskId));
  const task = stored?.task;
  const markerKey = { pk: String(marker.pk), sk: String(marker.sk) };
  const stillDue =
    task !== undefined && task.status === 'open' && task.dueAt === marker.dueAt;

  try {
    await transact([
      {
        write: {
          Delete: {
            TableName: '',
            Key: markerKey,
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      },
      ...(stillDue
        ? [
            {
              write: {
                ConditionCheck: {
                  TableName: '',
                  Key: keys.task(workspaceId, task.id),
                  ConditionExpression: 'version = :version',
                  ExpressionAttributeValues: { ':version': task.version },
                },
              },
            },
            ...taskEventSteps(
              buildEvent({
                type: 'task.due',
                workspaceId,
                subject: taskRecords(task)[0],
                actor: { type: 'system' },
                at: new Date(task.dueAt),
                data: { task },
              }),
              task,
            ),
          ]
        : []),
    ]);

    return stillDue;
  } catch (error) {
    // Announced by a concurrent run, or the task changed under us: the
    // change itself refiled or dropped the marker.
    logger.info('Due marker skipped', {
      marker: markerKey.sk,
      error: error as Error,
    });

    return false;
  }
};

/**
 * The schedule's work: every task filed under an hour from the last run's
 * through now, and due by now, is announced as `task.due` once. Answers
 * how many were announced.
 */
export const announceDueTasks = async (now = new Date()): Promise<number> => {
  const checkpoint = keys.scheduleCheckpoint(checkpointName);
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: checkpoint,
      ConsistentRead: true,
    }),
  );
  const currentHour = hourOf(now);
  const firstHour =
    (Item?.hour as string | undefined) ??
    hourOf(new Date(now.getTime() - firstRunLookbackHours * 3_600_000));
  let announced = 0;

  for (const hour of hoursBetween(firstHour, currentHour)) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk <= :now',
          ExpressionAttributeValues: {
            ':pk': keys.taskDueHour(hour),
            ':now': `${now.toISOString()}#\uffff`,
          },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const marker of Items) if (await announce(marker)) announced += 1;
      startKey = LastEvaluatedKey;
    } while (startKey);
  }

  // The current hour stays open: tasks due later in it are read next run.
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...checkpoint, entity: 'ScheduleCheckpoint', hour: currentHour },
    }),
  );

  return announced;
};
