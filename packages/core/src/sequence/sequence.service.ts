import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { notFound } from '../errors';
import { newId } from '../ids';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import type { SequenceCreate } from './sequence.input';
import { type Sequence, sequenceSchema } from './sequence.schema';

export const createSequence = async (
  workspaceId: string,
  input: SequenceCreate,
): Promise<Sequence> => {
  const now = new Date();
  const sequence: Sequence = {
    id: newId('seq', now.getTime()),
    ...input,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };

  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.sequence(workspaceId, sequence.id),
        entity: 'Sequence',
        workspaceId,
        ...sequence,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );

  return sequence;
};

export const readSequence = async (
  workspaceId: string,
  sequenceId: string,
): Promise<Sequence | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.sequence(workspaceId, sequenceId),
    }),
  );

  return Item ? fromItem(sequenceSchema, Item) : undefined;
};

export const getSequence = async (
  workspaceId: string,
  sequenceId: string,
): Promise<Sequence> => {
  const sequence = await readSequence(workspaceId, sequenceId);
  if (!sequence) throw notFound('sequence', sequenceId);

  return sequence;
};
