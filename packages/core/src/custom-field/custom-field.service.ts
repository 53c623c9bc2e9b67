import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { rewriteContacts } from '../contact/contact.bulk';
import { DomainError, notFound } from '../errors';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import {
  type CustomField,
  type CustomFieldCreate,
  type CustomFieldUpdate,
  customFieldLimits,
  customFieldSchema,
  isSelect,
} from './custom-field.schema';
import { customFieldItem, listCustomFields } from './custom-field.store';
import { convertValue, type FieldValue } from './custom-field.values';

export const getCustomField = async (
  workspaceId: string,
  key: string,
): Promise<CustomField> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.customField(workspaceId, key),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw notFound('custom_field', key);

  return fromItem(customFieldSchema, Item);
};

/**
 * How many stored values of a field would not convert to `field`, and
 * whether any would change form. Reads the field's posting list, which
 * carries each value, so no contact is read.
 */
export const checkStoredValues = async (
  workspaceId: string,
  field: CustomField,
): Promise<{ failing: number; changing: number }> => {
  let failing = 0;
  let changing = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.fieldMember(workspaceId, field.key, '').pk,
        },
        ProjectionExpression: '#value',
        ExpressionAttributeNames: { '#value': 'value' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const value = item.value as FieldValue;
      const converted = convertValue(field, value);
      if (!converted.ok) failing += 1;
      else if (JSON.stringify(converted.value) !== JSON.stringify(value)) {
        changing += 1;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);

  return { failing, changing };
};

const notConvertible = (field: CustomField, failing: number) =>
  new DomainError(
    409,
    'custom_field.values_not_convertible',
    `${failing} stored ${failing === 1 ? 'value does' : 'values do'} not convert to ${field.type}; change or clear ${failing === 1 ? 'it' : 'them'} first.`,
    [{ path: 'type', message: `${failing} values cannot convert` }],
    { count: failing },
  );

/** Rewrites stored values into the field's form (`"42"` to `42`, say). */
const convertStored = async (
  workspaceId: string,
  field: CustomField,
  actor: Actor,
) => {
  const { failing, changing } = await checkStoredValues(workspaceId, field);
  if (failing > 0) throw notConvertible(field, failing);
  if (changing === 0) return;

  await rewriteContacts(
    workspaceId,
    keys.fieldMember(workspaceId, field.key, '').pk,
    (contact) => {
      const value = contact.customFields[field.key];
      if (value === undefined) return undefined;
      const converted = convertValue(field, value);

      return converted.ok
        ? { customFields: { [field.key]: converted.value } }
        : undefined;
    },
    actor,
  );
};

/**
 * Defines a field. Values already stored under its key (from forms, before
 * it was defined) must convert to its type, and are converted.
 */
export const createCustomField = async (
  workspaceId: string,
  input: CustomFieldCreate,
  actor: Actor,
): Promise<CustomField> => {
  const existing = await listCustomFields(workspaceId);
  if (existing.length >= customFieldLimits.perWorkspace) {
    throw new DomainError(
      409,
      'custom_field.limit_reached',
      `A workspace has at most ${customFieldLimits.perWorkspace} custom fields.`,
    );
  }
  const at = new Date().toISOString();
  const field: CustomField = {
    key: input.key,
    label: input.label,
    type: input.type,
    options: input.options ?? [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };

  await convertStored(workspaceId, field, actor);
  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: customFieldItem(workspaceId, field),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: () =>
        new DomainError(
          409,
          'custom_field.key_taken',
          `A custom field with the key ${field.key} exists.`,
          [{ path: 'key', message: 'Already defined' }],
        ),
    },
  ]);

  return field;
};

/**
 * Changes a field's label, type or options. A type or option change is
 * refused while any stored value could not convert, saying how many;
 * otherwise stored values are converted.
 */
export const updateCustomField = async (
  workspaceId: string,
  key: string,
  patch: Omit<CustomFieldUpdate, 'version'>,
  seenVersion: number | undefined,
  actor: Actor,
): Promise<CustomField> => {
  const current = await getCustomField(workspaceId, key);
  const type = patch.type ?? current.type;
  const options = isSelect(type) ? (patch.options ?? current.options) : [];
  if (isSelect(type) && options.length === 0) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      [{ path: 'options', message: 'A select field needs its options' }],
    );
  }
  if (!isSelect(type) && patch.options !== undefined) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      [{ path: 'options', message: 'Only select fields take options' }],
    );
  }
  const version = seenVersion ?? current.version;
  const next: CustomField = {
    ...current,
    label: patch.label ?? current.label,
    type,
    options,
    updatedAt: new Date().toISOString(),
    version: current.version + 1,
  };
  const reshaped =
    type !== current.type ||
    JSON.stringify(options) !== JSON.stringify(current.options);

  if (reshaped) await convertStored(workspaceId, next, actor);
  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: customFieldItem(workspaceId, next),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': version },
        },
      },
      onConditionFailed: (existing) =>
        existing
          ? new DomainError(
              412,
              'custom_field.version_conflict',
              'The field changed since this version was read.',
              [
                {
                  path: 'version',
                  message: `Current version is ${existing.version}`,
                },
              ],
            )
          : notFound('custom_field', key),
    },
  ]);

  return next;
};

/** Deletes a field and every value stored under it. */
export const deleteCustomField = async (
  workspaceId: string,
  key: string,
  actor: Actor,
): Promise<void> => {
  await getCustomField(workspaceId, key);
  await transact([
    {
      write: {
        Delete: { TableName: '', Key: keys.customField(workspaceId, key) },
      },
    },
  ]);
  await rewriteContacts(
    workspaceId,
    keys.fieldMember(workspaceId, key, '').pk,
    () => ({ customFields: { [key]: null } }),
    actor,
  );
};

export { listCustomFields };
