import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { rewriteContacts } from '../contact/contact.bulk';
import { tagKey } from '../contact/contact.index';
import { type Contact, normalizeTags } from '../contact/contact.schema';
import {
  applyPatch,
  getContact,
  writeUpdate,
} from '../contact/contact.service';
import { DomainError } from '../errors';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import { canonicalTags, readTagCounts, type TagCount } from './tag.store';

/**
 * Every tag of the workspace that some contact carries, with the exact
 * count, from the counters kept in each contact's transaction: one Query.
 */
export const listTags = async (workspaceId: string): Promise<TagCount[]> => {
  const tags: TagCount[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#count > :zero',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':pk': keys.tagsPartition(workspaceId),
          ':zero': 0,
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      tags.push({ name: String(item.name), count: Number(item.count) });
    }
    start = page.LastEvaluatedKey;
  } while (start);

  return tags.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
};

const tagNotFound = (tag: string) =>
  new DomainError(404, 'tag.not_found', `No contact carries the tag ${tag}.`);

const existingTag = async (workspaceId: string, tag: string) => {
  const found = (await readTagCounts(workspaceId, [tagKey(tag)])).get(
    tagKey(tag),
  );
  if (!found || found.count <= 0) throw tagNotFound(tag);

  return found;
};

/** Adds tags to a contact; tags it already carries change nothing. */
export const addTags = async (
  workspaceId: string,
  contactId: string,
  tags: string[],
  actor: Actor,
): Promise<Contact> =>
  retryStale(async () => {
    const current = await getContact(workspaceId, contactId);
    const merged = await canonicalTags(
      workspaceId,
      normalizeTags([...current.tags, ...tags]),
    );
    const { next, changes } = applyPatch(current, { tags: merged });

    return writeUpdate(workspaceId, current, next, changes, actor);
  });

/** Removes one tag from a contact, matched without regard to case. */
export const removeTag = async (
  workspaceId: string,
  contactId: string,
  tag: string,
  actor: Actor,
): Promise<Contact> =>
  retryStale(async () => {
    const current = await getContact(workspaceId, contactId);
    const key = tagKey(tag);
    const { next, changes } = applyPatch(current, {
      tags: current.tags.filter((held) => tagKey(held) !== key),
    });

    return writeUpdate(workspaceId, current, next, changes, actor);
  });

// Tag edits commute, so a write that lost a race is read again and redone.
const retryStale = async <T>(run: () => Promise<T>): Promise<T> => {
  for (let tries = 1; ; tries += 1) {
    try {
      return await run();
    } catch (error) {
      const stale =
        error instanceof DomainError &&
        error.code === 'contact.version_conflict';
      if (!stale || tries >= 5) throw error;
    }
  }
};

/**
 * Renames a tag on every contact that carries it, walking the tag's posting
 * list. A new name that matches another tag merges the two.
 */
export const renameTag = async (
  workspaceId: string,
  tag: string,
  name: string,
  actor: Actor,
): Promise<TagCount> => {
  const from = await existingTag(workspaceId, tag);
  const fromKey = tagKey(tag);
  const toKey = tagKey(name);
  const target = (await readTagCounts(workspaceId, [toKey])).get(toKey);
  // A merge keeps the target's spelling; a rename takes the new one.
  const spelled = toKey !== fromKey && target ? target.name : name;

  if (toKey === fromKey) await setTagName(workspaceId, fromKey, spelled);

  await rewriteContacts(
    workspaceId,
    keys.tagMember(workspaceId, fromKey, '').pk,
    // In place, so the contact's tags keep their order; a duplicate left
    // by a merge is dropped when the tags are normalized.
    (contact) => ({
      tags: contact.tags.map((held) =>
        tagKey(held) === fromKey || tagKey(held) === toKey ? spelled : held,
      ),
    }),
    actor,
  );

  if (toKey !== fromKey) await dropTagCounter(workspaceId, fromKey);
  const result = (await readTagCounts(workspaceId, [toKey])).get(toKey);

  return { name: result?.name ?? spelled, count: result?.count ?? from.count };
};

/** Takes a tag off every contact that carries it, and forgets it. */
export const deleteTag = async (
  workspaceId: string,
  tag: string,
  actor: Actor,
): Promise<void> => {
  await existingTag(workspaceId, tag);
  const key = tagKey(tag);

  await rewriteContacts(
    workspaceId,
    keys.tagMember(workspaceId, key, '').pk,
    (contact) => ({
      tags: contact.tags.filter((held) => tagKey(held) !== key),
    }),
    actor,
  );
  await dropTagCounter(workspaceId, key);
};

const setTagName = (workspaceId: string, key: string, name: string) =>
  transact([
    {
      write: {
        Update: {
          TableName: '',
          Key: keys.tag(workspaceId, key),
          UpdateExpression: 'SET #name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name },
        },
      },
    },
  ]);

// Only an emptied counter is dropped: a contact tagged meanwhile keeps it.
const dropTagCounter = (workspaceId: string, key: string) =>
  transact([
    {
      write: {
        Delete: {
          TableName: '',
          Key: keys.tag(workspaceId, key),
          ConditionExpression: '#count <= :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':zero': 0 },
        },
      },
      onConditionFailed: () =>
        new DomainError(
          409,
          'tag.in_use',
          'Contacts were tagged while the tag was changed; run it again.',
        ),
    },
  ]);
