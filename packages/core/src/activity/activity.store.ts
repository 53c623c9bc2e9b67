import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Subject } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { DomainError } from '../errors';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import { type Activity, activitySchema } from './activity.schema';

/** The stored form of an activity: the activity plus its table attributes. */
export const activityItem = (workspaceId: string, activity: Activity) => ({
  ...keys.activity(workspaceId, activity.id),
  entity: 'Activity',
  workspaceId,
  ...activity,
});

export const readActivity = async (
  workspaceId: string,
  activityId: string,
): Promise<Activity | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.activity(workspaceId, activityId),
      ConsistentRead: true,
    }),
  );

  return Item ? fromItem(activitySchema, Item) : undefined;
};

/**
 * A check, inside the transaction that links a record, that the record
 * exists; `path` names the field that referred to it.
 */
export const requireRecord = (
  workspaceId: string,
  record: Subject,
  path: string,
): TransactionStep => ({
  write: {
    ConditionCheck: {
      TableName: '',
      Key: keys.record(workspaceId, record),
      ConditionExpression: 'attribute_exists(pk)',
    },
  },
  onConditionFailed: () =>
    new DomainError(
      404,
      `${record.type}.not_found`,
      `No ${record.type} has the id ${record.id}.`,
      [{ path, message: `No ${record.type} has this id` }],
    ),
});
