import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { DomainError, notFound } from '../errors';
import { newId } from '../ids';
import { readSequence } from '../sequence/sequence.service';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import { type Form, type FormCreate, formSchema } from './form.schema';

/** Makes a form and the routing item its public submissions arrive by. */
export const createForm = async (
  workspaceId: string,
  input: FormCreate,
): Promise<Form> => {
  if (
    input.sequenceId &&
    !(await readSequence(workspaceId, input.sequenceId))
  ) {
    throw new DomainError(
      422,
      'form.sequence_not_found',
      'The form names a sequence that does not exist.',
      [
        {
          path: 'sequenceId',
          message: `No sequence has the id ${input.sequenceId}`,
        },
      ],
    );
  }

  const now = new Date();
  const id = newId('frm', now.getTime());
  const form: Form = {
    ...input,
    id,
    source: input.source ?? `form:${id}`,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };

  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: {
            ...keys.form(workspaceId, id),
            entity: 'Form',
            workspaceId,
            ...form,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      write: {
        Put: {
          TableName: '',
          Item: { ...keys.formRoute(id), entity: 'FormRoute', workspaceId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
  ]);

  return form;
};

export const getForm = async (
  workspaceId: string,
  formId: string,
): Promise<Form> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.form(workspaceId, formId),
    }),
  );
  if (!Item) throw notFound('form', formId);

  return fromItem(formSchema, Item);
};

/** Finds a form by its public id alone, as a submission must. */
export const findPublicForm = async (
  formId: string,
): Promise<{ workspaceId: string; form: Form }> => {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.formRoute(formId) }),
  );
  if (!Item) throw notFound('form', formId);

  const workspaceId = String(Item.workspaceId);

  return { workspaceId, form: await getForm(workspaceId, formId) };
};
