import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { DomainError } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import { applyScore, scoreEventSteps } from '../scoring/scoring.service';
import { keys } from '../table/keys';
import {
  retryOnConflict,
  type TransactionStep,
  transact,
} from '../table/transact';
import { indexChanges, type TagDeltas, tagCounterSteps } from './contact.index';
import type { Contact, ContactUpdate } from './contact.schema';
import { applyPatch } from './contact.service';
import { contactFromItem, contactItem } from './contact.store';

/** A change to one contact, as `PATCH /v1/contacts/{id}` takes it. */
export type ContactPatch = Omit<ContactUpdate, 'version'>;

/** Reads contacts by id, in the order asked, skipping ids since deleted. */
export const readContacts = async (
  workspaceId: string,
  contactIds: readonly string[],
  meter?: { itemsRead: number },
): Promise<Contact[]> => {
  const byId = new Map<string, Contact>();
  for (let from = 0; from < contactIds.length; from += 100) {
    let ask: Record<string, unknown>[] = contactIds
      .slice(from, from + 100)
      .map((id) => keys.contact(workspaceId, id));
    while (ask.length > 0) {
      const response = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName()]: { Keys: ask, ConsistentRead: true },
          },
        }),
      );
      const items = response.Responses?.[tableName()] ?? [];
      if (meter) meter.itemsRead += items.length;
      for (const item of items) {
        const contact = contactFromItem(item);
        byId.set(contact.id, contact);
      }
      ask = response.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }

  return contactIds.flatMap((id) => byId.get(id) ?? []);
};

/**
 * Contacts changed per transaction: at most 9 items each (contact, event,
 * 2 postings, 2 score entries, 2 expiry entries, score event) plus the tag
 * counters stays under 100.
 */
const batchSize = 10;

/**
 * Applies `change` to every contact in one posting list (the contacts that
 * carry a tag, or hold a custom field), reading only that list: never a scan.
 * Contacts are written in batches, each batch one transaction with the
 * postings, the summed tag counts and each contact's `contact.updated`.
 * A batch that races a concurrent edit is read again and retried, and a
 * run cut short can simply be run again.
 */
export const rewriteContacts = async (
  workspaceId: string,
  listPk: string,
  change: (contact: Contact) => ContactPatch | undefined,
  actor: Actor,
): Promise<number> => {
  let rewritten = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': listPk },
        ConsistentRead: true,
        Limit: batchSize,
        ExclusiveStartKey: start,
      }),
    );
    const ids = (page.Items ?? []).map((item) => String(item.contactId));
    rewritten += await retryOnConflict(() =>
      rewriteBatch(workspaceId, ids, change, actor),
    );
    start = page.LastEvaluatedKey;
  } while (start);

  return rewritten;
};

const isStale = (error: unknown) =>
  error instanceof DomainError && error.code === 'contact.version_conflict';

const rewriteBatch = async (
  workspaceId: string,
  contactIds: string[],
  change: (contact: Contact) => ContactPatch | undefined,
  actor: Actor,
  tries = 5,
): Promise<number> => {
  const contacts = await readContacts(workspaceId, contactIds);
  const at = new Date();
  const deltas: TagDeltas = new Map();
  const steps: TransactionStep[] = [];

  for (const current of contacts) {
    const patch = change(current);
    if (!patch) continue;
    const { next, changes } = applyPatch(current, patch);
    if (Object.keys(changes).length === 0) continue;
    next.version = current.version + 1;
    next.updatedAt = at.toISOString();
    const scored = await applyScore(workspaceId, next);
    steps.push(
      {
        write: {
          Put: {
            TableName: '',
            Item: contactItem(workspaceId, next),
            ConditionExpression: 'version = :seen',
            ExpressionAttributeValues: { ':seen': current.version },
          },
        },
        onConditionFailed: () =>
          new DomainError(409, 'contact.version_conflict', 'Changed meanwhile'),
      },
      appendEvent(
        buildEvent({
          type: 'contact.updated',
          workspaceId,
          contactId: current.id,
          actor,
          at,
          data: { changes, version: next.version },
        }),
      ),
      ...scoreEventSteps(
        workspaceId,
        current,
        next,
        scored,
        'contact',
        actor,
        at,
      ),
      ...indexChanges(workspaceId, current, next, deltas),
    );
  }
  if (steps.length === 0) return 0;

  try {
    await transact([...steps, ...tagCounterSteps(workspaceId, deltas)]);
  } catch (error) {
    if (!isStale(error) || tries <= 1) throw error;

    return rewriteBatch(workspaceId, contactIds, change, actor, tries - 1);
  }

  return steps.filter((step) => 'Put' in step.write && step.onConditionFailed)
    .length;
};
