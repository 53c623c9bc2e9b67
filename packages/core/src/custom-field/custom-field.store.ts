import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import type { Contact } from '../contact/contact.schema';
import { DomainError } from '../errors';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import { type CustomField, customFieldSchema } from './custom-field.schema';
import { convertValue } from './custom-field.values';

export const customFieldItem = (workspaceId: string, field: CustomField) => ({
  ...keys.customField(workspaceId, field.key),
  entity: 'CustomField',
  workspaceId,
  ...field,
});

/** Every field definition of a workspace: one Query of one partition. */
export const listCustomFields = async (
  workspaceId: string,
): Promise<CustomField[]> => {
  const fields: CustomField[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.customFieldsPartition(workspaceId),
        },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    fields.push(
      ...(page.Items ?? []).map((item) => fromItem(customFieldSchema, item)),
    );
    start = page.LastEvaluatedKey;
  } while (start);

  return fields;
};

/**
 * Checks and converts custom field values against the workspace's
 * definitions. A key with no definition is kept as given (forms post
 * fields nobody declared); a wrong value is a 400 naming the field.
 */
export const checkCustomFields = async (
  workspaceId: string,
  values: Contact['customFields'],
): Promise<Contact['customFields']> => {
  if (Object.keys(values).length === 0) return values;

  const definitions = new Map(
    (await listCustomFields(workspaceId)).map((field) => [field.key, field]),
  );
  const checked: Contact['customFields'] = {};
  const details: { path: string; message: string }[] = [];

  for (const [key, value] of Object.entries(values)) {
    const field = definitions.get(key);
    if (!field) {
      checked[key] = value;
      continue;
    }
    const converted = convertValue(field, value);
    if (converted.ok) checked[key] = converted.value;
    else
      details.push({ path: `customFields.${key}`, message: converted.message });
  }

  if (details.length > 0) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      details,
    );
  }

  return checked;
};
