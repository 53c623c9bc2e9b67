import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import type { Contact } from './contact.schema';

/** Tags match without regard to case or Unicode composition. */
export const tagKey = (tag: string): string =>
  tag.normalize('NFC').toLocaleLowerCase('und');

/** How many contacts gain (+) or lose (-) each tag, by tag key. */
export type TagDeltas = Map<string, { name: string; delta: number }>;

export const addTagDelta = (
  deltas: TagDeltas,
  name: string,
  delta: number,
): void => {
  const key = tagKey(name);
  const entry = deltas.get(key) ?? { name, delta: 0 };
  entry.delta += delta;
  deltas.set(key, entry);
};

const put = (item: Record<string, unknown>): TransactionStep => ({
  write: { Put: { TableName: '', Item: item } },
});

const remove = (key: { pk: string; sk: string }): TransactionStep => ({
  write: { Delete: { TableName: '', Key: key } },
});

const byTagKey = (tags: readonly string[]) =>
  new Map(tags.map((tag) => [tagKey(tag), tag]));

/**
 * The posting-list items that follow a contact from `before` to `after`
 * (either may be absent, for a create or a delete), and the change in each
 * tag's count. The caller writes both in the contact's own transaction.
 */
export const indexChanges = (
  workspaceId: string,
  before: Contact | null,
  after: Contact | null,
  deltas: TagDeltas = new Map(),
): TransactionStep[] => {
  const contactId = (after ?? before)?.id ?? '';
  const member = { entity: 'Member', workspaceId, contactId };
  const steps: TransactionStep[] = [];
  const oldTags = byTagKey(before?.tags ?? []);
  const newTags = byTagKey(after?.tags ?? []);

  for (const [key, name] of oldTags) {
    if (newTags.has(key)) continue;
    steps.push(remove(keys.tagMember(workspaceId, key, contactId)));
    addTagDelta(deltas, name, -1);
  }
  for (const [key, name] of newTags) {
    if (oldTags.has(key)) continue;
    steps.push(
      put({ ...keys.tagMember(workspaceId, key, contactId), ...member }),
    );
    addTagDelta(deltas, name, 1);
  }

  if (before?.lifecycleStage !== after?.lifecycleStage) {
    if (before) {
      steps.push(
        remove(keys.stageMember(workspaceId, before.lifecycleStage, contactId)),
      );
    }
    if (after) {
      steps.push(
        put({
          ...keys.stageMember(workspaceId, after.lifecycleStage, contactId),
          ...member,
        }),
      );
    }
  }

  if (before?.source !== after?.source) {
    if (before) {
      steps.push(
        remove(keys.sourceMember(workspaceId, before.source, contactId)),
      );
    }
    if (after) {
      steps.push(
        put({
          ...keys.sourceMember(workspaceId, after.source, contactId),
          ...member,
        }),
      );
    }
  }

  const oldFields = before?.customFields ?? {};
  const newFields = after?.customFields ?? {};
  for (const key of Object.keys(oldFields)) {
    if (!(key in newFields)) {
      steps.push(remove(keys.fieldMember(workspaceId, key, contactId)));
    }
  }
  for (const [key, value] of Object.entries(newFields)) {
    if (JSON.stringify(oldFields[key]) === JSON.stringify(value)) continue;
    // The value rides on the posting, so a type change or a field filter
    // reads the postings alone.
    steps.push(
      put({
        ...keys.fieldMember(workspaceId, key, contactId),
        ...member,
        value,
      }),
    );
  }

  steps.push(...scoreIndexChanges(workspaceId, before, after));

  return steps;
};

/**
 * The contact's entry in the score list, and its entry among the contacts
 * whose activity points expire on a day, following the contact.
 */
export const scoreIndexChanges = (
  workspaceId: string,
  before: Contact | null,
  after: Contact | null,
  always = false,
): TransactionStep[] => {
  const contactId = (after ?? before)?.id ?? '';
  const member = { entity: 'ScoreMember', workspaceId, contactId };
  const steps: TransactionStep[] = [];
  const oldScore = before ? before.score : undefined;
  const newScore = after ? after.score : undefined;
  if (oldScore !== newScore || always) {
    if (before && oldScore !== newScore) {
      steps.push(
        remove(keys.scoreMember(workspaceId, before.score, contactId)),
      );
    }
    if (after) {
      steps.push(
        put({
          ...keys.scoreMember(workspaceId, after.score, contactId),
          ...member,
          score: after.score,
        }),
      );
    }
  }
  const oldDue = before?.scoreExpiresAt ?? null;
  const newDue = after?.scoreExpiresAt ?? null;
  if (oldDue !== newDue) {
    if (oldDue)
      steps.push(remove(keys.scoreDue(workspaceId, contactId, oldDue)));
    if (newDue) {
      steps.push(
        put({
          ...keys.scoreDue(workspaceId, contactId, newDue),
          entity: 'ScoreDue',
          workspaceId,
          contactId,
          expiresAt: newDue,
        }),
      );
    }
  }

  return steps;
};

/**
 * One update per tag counter whose count changed. A tag keeps the name it
 * was first written with; `if_not_exists` settles a race between spellings.
 */
export const tagCounterSteps = (
  workspaceId: string,
  deltas: TagDeltas,
): TransactionStep[] =>
  [...deltas]
    .filter(([, { delta }]) => delta !== 0)
    .map(([key, { name, delta }]) => ({
      write: {
        Update: {
          TableName: '',
          Key: keys.tag(workspaceId, key),
          UpdateExpression:
            'SET #name = if_not_exists(#name, :name), entity = :entity, workspaceId = :ws, tagKey = :key ADD #count :delta',
          ExpressionAttributeNames: { '#name': 'name', '#count': 'count' },
          ExpressionAttributeValues: {
            ':name': name,
            ':entity': 'Tag',
            ':ws': workspaceId,
            ':key': key,
            ':delta': delta,
          },
        },
      },
    }));

/** DynamoDB's limit on the items of one transaction. */
export const maxTransactionItems = 100;
