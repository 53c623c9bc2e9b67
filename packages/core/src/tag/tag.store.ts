import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { tagKey } from '../contact/contact.index';
import { keys } from '../table/keys';

export interface TagCount {
  name: string;
  count: number;
}

/** Reads the counters of the given tag keys (at most 100), by key. */
export const readTagCounts = async (
  workspaceId: string,
  tagKeys: readonly string[],
): Promise<Map<string, TagCount>> => {
  const found = new Map<string, TagCount>();
  const unique = [...new Set(tagKeys)];
  if (unique.length === 0) return found;

  let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined =
    {
      [tableName()]: {
        Keys: unique.map((key) => keys.tag(workspaceId, key)),
      },
    };
  while (request && Object.keys(request).length > 0) {
    const response = await dynamo().send(
      new BatchGetCommand({
        RequestItems: Object.fromEntries(
          Object.entries(request).map(([table, ask]) => [
            table,
            { ...ask, ConsistentRead: true },
          ]),
        ),
      }),
    );
    for (const item of response.Responses?.[tableName()] ?? []) {
      found.set(String(item.tagKey), {
        name: String(item.name),
        count: Number(item.count),
      });
    }
    request = response.UnprocessedKeys as typeof request;
  }

  return found;
};

/**
 * Spells each tag as the workspace first wrote it, so `VIP` added to a
 * workspace that has `vip` is stored as `vip`.
 */
export const canonicalTags = async (
  workspaceId: string,
  tags: readonly string[],
): Promise<string[]> => {
  const known = await readTagCounts(workspaceId, tags.map(tagKey));

  return tags.map((tag) => known.get(tagKey(tag))?.name ?? tag);
};
