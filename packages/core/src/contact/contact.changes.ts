import type { Actor } from '@rapport/events';
import { DomainError } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import type { TransactionStep } from '../table/transact';
import {
  indexChanges,
  maxTransactionItems,
  type TagDeltas,
  tagCounterSteps,
  tagKey,
} from './contact.index';
import { type Contact, contactLimits, isBackwards } from './contact.schema';

/*
 * What follows from a change to a contact, beside the contact itself: the
 * events it implies, its index entries and counters, and the limits that
 * keep it, and its transaction, storable.
 */

/**
 * A stored contact travels whole in its `contact.created` event, which the
 * bus takes up to 256 KB, and DynamoDB stores items up to 400 KB: 100 KB
 * leaves room for both.
 */
export const maxContactBytes = 100_000;

/** Refuses a contact that merges past the limits or grows too large. */
export const assertStorable = (contact: Contact): void => {
  if (Object.keys(contact.customFields).length > contactLimits.customFields) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      [
        {
          path: 'customFields',
          message: `At most ${contactLimits.customFields} custom fields on a contact`,
        },
      ],
    );
  }
  if (Buffer.byteLength(JSON.stringify(contact)) > maxContactBytes) {
    throw new DomainError(
      400,
      'contact.too_large',
      `A contact is stored whole up to ${maxContactBytes / 1000} KB; this one would be larger.`,
      [{ path: 'customFields', message: 'Too much data on one contact' }],
    );
  }
};

/** Refuses a write too large for one transaction, before it is tried. */
export const fitTransaction = (steps: TransactionStep[]): TransactionStep[] => {
  if (steps.length > maxTransactionItems) {
    throw new DomainError(
      400,
      'contact.too_many_changes',
      `This change touches ${steps.length} items; one write may touch ${maxTransactionItems}. Change fewer tags or custom fields at once.`,
      [
        {
          path: 'tags',
          message: 'Too many tag and field changes in one write',
        },
      ],
    );
  }

  return steps;
};

/** The posting lists and tag counters that follow a contact's change. */
export const indexSteps = (
  workspaceId: string,
  before: Contact | null,
  after: Contact | null,
): TransactionStep[] => {
  const deltas: TagDeltas = new Map();
  const steps = indexChanges(workspaceId, before, after, deltas);

  return [...steps, ...tagCounterSteps(workspaceId, deltas)];
};

/** `contact.tag_added` / `contact.tag_removed`, only for real changes. */
export const tagEvents = (
  workspaceId: string,
  before: Contact | null,
  after: Contact,
  actor: Actor,
  at: Date,
): TransactionStep[] => {
  const had = new Set((before?.tags ?? []).map(tagKey));
  const has = new Set(after.tags.map(tagKey));
  const added = after.tags.filter((tag) => !had.has(tagKey(tag)));
  const removed = (before?.tags ?? []).filter((tag) => !has.has(tagKey(tag)));
  const base = { workspaceId, contactId: after.id, actor, at };
  const steps: TransactionStep[] = [];

  if (added.length > 0) {
    steps.push(
      appendEvent(
        buildEvent({
          ...base,
          type: 'contact.tag_added',
          data: { tags: added, version: after.version },
        }),
      ),
    );
  }
  if (removed.length > 0) {
    steps.push(
      appendEvent(
        buildEvent({
          ...base,
          type: 'contact.tag_removed',
          data: { tags: removed, version: after.version },
        }),
      ),
    );
  }

  return steps;
};

/** `contact.lifecycle_changed` with its cause, when the stage moved. */
export const lifecycleEvents = (
  workspaceId: string,
  current: Contact,
  next: Contact,
  actor: Actor,
  at: Date,
): TransactionStep[] =>
  current.lifecycleStage === next.lifecycleStage
    ? []
    : [
        appendEvent(
          buildEvent({
            type: 'contact.lifecycle_changed',
            workspaceId,
            contactId: current.id,
            actor,
            at,
            data: {
              from: current.lifecycleStage,
              to: next.lifecycleStage,
              backwards: isBackwards(
                current.lifecycleStage,
                next.lifecycleStage,
              ),
              cause: actor.type === 'api_key' ? 'api' : actor.type,
              version: next.version,
            },
          }),
        ),
      ];
