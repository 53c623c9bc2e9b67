import type { Actor } from '@rapport/events';
import {
  type OpenDealsPolicy,
  settleOpenDealsOfContact,
} from '../deal/deal.service';
import { DomainError, notFound } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import { newId } from '../ids';
import { keys } from '../table/keys';
import { type TransactionStep, transact } from '../table/transact';
import {
  type Contact,
  type ContactCreate,
  type ContactUpdate,
  normalizeEmail,
  normalizeTags,
} from './contact.schema';
import {
  claimEmail,
  contactFromItem,
  contactItem,
  readContact,
  releaseEmail,
} from './contact.store';

/** A new contact, as it will be stored, from validated input. */
export const newContact = (input: ContactCreate, at: Date): Contact => {
  const source = input.source ?? 'api';

  return {
    id: newId('ct', at.getTime()),
    email: input.email,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    phone: input.phone ?? null,
    company: input.company ?? null,
    tags: normalizeTags(input.tags ?? []),
    lifecycleStage: input.lifecycleStage ?? 'subscriber',
    source,
    latestSource: source,
    customFields: input.customFields ?? {},
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
  };
};

/** The steps that store a new contact with its `contact.created` event. */
export const createSteps = (
  workspaceId: string,
  contact: Contact,
  actor: Actor,
): TransactionStep[] => [
  {
    write: {
      Put: {
        TableName: '',
        Item: contactItem(workspaceId, contact),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  },
  claimEmail(workspaceId, contact.email, contact.id),
  appendEvent(
    buildEvent({
      type: 'contact.created',
      workspaceId,
      contactId: contact.id,
      actor,
      data: { contact },
      at: new Date(contact.createdAt),
    }),
  ),
];

export const createContact = async (
  workspaceId: string,
  input: ContactCreate,
  actor: Actor,
): Promise<Contact> => {
  const contact = newContact(input, new Date());

  await transact(createSteps(workspaceId, contact, actor));

  return contact;
};

export const getContact = async (
  workspaceId: string,
  contactId: string,
): Promise<Contact> => {
  const contact = await readContact(workspaceId, contactId);
  if (!contact) throw notFound('contact', contactId);

  return contact;
};

type Changes = Record<string, { from: unknown; to: unknown }>;

/** Applies a patch, answering the new contact and what really changed. */
export const applyPatch = (
  current: Contact,
  patch: Omit<ContactUpdate, 'version'>,
): { next: Contact; changes: Changes } => {
  const next: Contact = { ...current };
  const { customFields, tags, ...plain } = patch;

  for (const [field, value] of Object.entries(plain)) {
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  if (tags) next.tags = normalizeTags(tags);
  if (customFields) {
    const merged: Contact['customFields'] = { ...current.customFields };
    for (const [key, value] of Object.entries(customFields)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    next.customFields = merged;
  }

  const changes: Changes = {};
  for (const field of Object.keys(next) as (keyof Contact)[]) {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) {
      changes[field] = { from: current[field], to: next[field] };
    }
  }

  return { next, changes };
};

const versionConflict = (
  existing: Record<string, unknown> | undefined,
  contactId: string,
) =>
  existing
    ? new DomainError(
        412,
        'contact.version_conflict',
        'The contact changed since this version was read; read it again and retry.',
        [
          {
            path: 'version',
            message: `Current version is ${existing.version}`,
          },
        ],
        { currentVersion: existing.version },
      )
    : notFound('contact', contactId);

/** The steps that store a changed contact with its `contact.updated` event. */
export const updateSteps = (
  workspaceId: string,
  current: Contact,
  next: Contact,
  changes: Changes,
  actor: Actor,
): TransactionStep[] => {
  const steps: TransactionStep[] = [
    {
      write: {
        Put: {
          TableName: '',
          Item: contactItem(workspaceId, next),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': current.version },
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, current.id),
    },
    appendEvent(
      buildEvent({
        type: 'contact.updated',
        workspaceId,
        contactId: current.id,
        actor,
        data: { changes, version: next.version },
        at: new Date(next.updatedAt),
      }),
    ),
  ];

  if (normalizeEmail(current.email) !== normalizeEmail(next.email)) {
    steps.push(
      releaseEmail(workspaceId, current.email, current.id),
      claimEmail(workspaceId, next.email, current.id),
    );
  }

  return steps;
};

/**
 * Updates a contact if it is still at the version the client saw, so that no
 * concurrent update is silently lost. A patch that changes nothing writes
 * nothing and emits no event.
 */
export const updateContact = async (
  workspaceId: string,
  contactId: string,
  patch: Omit<ContactUpdate, 'version'>,
  seenVersion: number,
  actor: Actor,
): Promise<Contact> => {
  const current = await getContact(workspaceId, contactId);
  if (current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, contactId);
  }

  const { next, changes } = applyPatch(current, patch);
  if (Object.keys(changes).length === 0) return current;

  const at = new Date();
  next.version = current.version + 1;
  next.updatedAt = at.toISOString();
  await transact(updateSteps(workspaceId, current, next, changes, actor));

  return next;
};

/**
 * Deletes a contact and frees its address. Its timeline stays as the audit
 * trail, closed by `contact.deleted`. A contact with open deals is kept
 * unless `openDeals` says what becomes of them.
 */
export const deleteContact = async (
  workspaceId: string,
  contactId: string,
  seenVersion: number | undefined,
  actor: Actor,
  openDeals?: OpenDealsPolicy,
): Promise<void> => {
  const current = await getContact(workspaceId, contactId);
  if (seenVersion !== undefined && current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, contactId);
  }
  await settleOpenDealsOfContact(workspaceId, contactId, openDeals, { actor });

  await transact([
    {
      write: {
        Delete: {
          TableName: '',
          Key: keys.contact(workspaceId, contactId),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': current.version },
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, contactId),
    },
    releaseEmail(workspaceId, current.email, contactId),
    appendEvent(
      buildEvent({
        type: 'contact.deleted',
        workspaceId,
        contactId,
        actor,
        data: { email: current.email, version: current.version },
      }),
    ),
  ]);
};

export { contactFromItem };
