import type * as z from 'zod/mini';

const tableAttributes = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'entity',
  'workspaceId',
];

/** Reads a record back from its item, without the table's own attributes. */
export const fromItem = <S extends z.ZodMiniType>(
  schema: S,
  item: Record<string, unknown>,
): z.infer<S> => {
  const record = { ...item };
  for (const attribute of tableAttributes) delete record[attribute];

  return schema.parse(record);
};
