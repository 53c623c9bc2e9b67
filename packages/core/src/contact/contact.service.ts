import type { Actor } from '@rapport/events';
import { checkCustomFields } from '../custom-field/custom-field.store';
import {
  type OpenDealsPolicy,
  settleOpenDealsOfContact,
} from '../deal/deal.service';
import { DomainError, notFound } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import { newId } from '../ids';
import type { ScoreResult } from '../scoring/scoring.compute';
import { applyScore, scoreEventSteps } from '../scoring/scoring.service';
import { keys } from '../table/keys';
import {
  isTransactionConflict,
  retryOnConflict,
  type TransactionStep,
  transact,
} from '../table/transact';
import { canonicalTags } from '../tag/tag.store';
import {
  assertStorable,
  fitTransaction,
  indexSteps,
  lifecycleEvents,
  tagEvents,
} from './contact.changes';
import { toE164 } from './contact.phone';
import {
  type Contact,
  type ContactCreate,
  type ContactUpdate,
  isBackwards,
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

type Prepared = { phoneE164?: string | null };

/** The fields of a write that depend on the workspace, settled before it. */
type Preparable = {
  tags?: string[];
  customFields?: ContactUpdate['customFields'];
  phone?: string | null;
  phoneCountry?: string;
};

/**
 * Settles what a write's input means in this workspace: tags spelled as the
 * workspace first wrote them, custom values checked against their
 * definitions, the phone number in E.164. An API client gets a 400 for a
 * phone that is not a number; a form keeps what the visitor typed.
 */
export const prepareInput = async <T extends Preparable>(
  workspaceId: string,
  input: T,
  phones: 'strict' | 'lenient' = 'strict',
): Promise<T & Prepared> => {
  const prepared: T & Prepared = { ...input };
  if (input.tags) {
    prepared.tags = await canonicalTags(workspaceId, normalizeTags(input.tags));
  }
  if (input.customFields) {
    const given = Object.fromEntries(
      Object.entries(input.customFields).filter(([, value]) => value !== null),
    );
    const checked = await checkCustomFields(workspaceId, given);
    prepared.customFields = { ...input.customFields, ...checked };
  }
  if (typeof input.phone === 'string') {
    const e164 = toE164(input.phone, input.phoneCountry) ?? null;
    if (!e164 && phones === 'strict') {
      throw new DomainError(
        400,
        'request.validation_failed',
        'The request has invalid fields.',
        [
          {
            path: 'phone',
            message:
              'Not a valid phone number; use +<country code> or give phoneCountry',
          },
        ],
      );
    }
    prepared.phoneE164 = e164;
  } else if (input.phone === null) {
    prepared.phoneE164 = null;
  }

  return prepared;
};

/**
 * Whether a write lost a race for a contact or its address (another write
 * took the address, moved the version, or touched the same items), so that
 * reading again and retrying can succeed.
 */
export const isContactRace = (error: unknown): boolean =>
  isTransactionConflict(error) ||
  (error instanceof DomainError &&
    ['contact.email_taken', 'contact.version_conflict'].includes(error.code));

/** A new contact, as it will be stored, from validated input. */
export const newContact = (
  input: ContactCreate & Prepared,
  at: Date,
): Contact => {
  const source = input.source ?? 'api';

  return {
    id: newId('ct', at.getTime()),
    email: input.email,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    phone: input.phone ?? null,
    phoneE164: input.phoneE164 ?? null,
    company: input.company ?? null,
    tags: normalizeTags(input.tags ?? []),
    score: 0,
    scoreExpiresAt: null,
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
  scored: ScoreResult,
): TransactionStep[] => {
  assertStorable(contact);

  return createStepsOf(workspaceId, contact, actor, scored);
};

const createStepsOf = (
  workspaceId: string,
  contact: Contact,
  actor: Actor,
  scored: ScoreResult,
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
  ...tagEvents(workspaceId, null, contact, actor, new Date(contact.createdAt)),
  ...scoreEventSteps(
    workspaceId,
    null,
    contact,
    scored,
    'contact',
    actor,
    new Date(contact.createdAt),
  ),
  ...indexSteps(workspaceId, null, contact),
];

export const createContact = async (
  workspaceId: string,
  input: ContactCreate,
  actor: Actor,
): Promise<Contact> => {
  const contact = newContact(
    await prepareInput(workspaceId, input),
    new Date(),
  );
  const scored = await applyScore(workspaceId, contact);

  await retryOnConflict(() =>
    transact(fitTransaction(createSteps(workspaceId, contact, actor, scored))),
  );

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

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Applies a patch, answering the new contact and what really changed. */
export const applyPatch = (
  current: Contact,
  patch: Omit<ContactUpdate, 'version'> & Prepared,
): { next: Contact; changes: Changes } => {
  const next: Contact = { ...current };
  const {
    customFields,
    tags,
    source,
    allowBackwards: _allowBackwards,
    phoneCountry: _phoneCountry,
    ...plain
  } = patch;

  for (const [field, value] of Object.entries(plain)) {
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  if (tags) next.tags = normalizeTags(tags);
  // The first-touch source is kept; a later touch only moves the latest.
  if (source !== undefined) next.latestSource = source;
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
  scored: ScoreResult,
): TransactionStep[] => {
  assertStorable(next);
  const at = new Date(next.updatedAt);
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
        at,
      }),
    ),
    ...tagEvents(workspaceId, current, next, actor, at),
    ...lifecycleEvents(workspaceId, current, next, actor, at),
    ...scoreEventSteps(
      workspaceId,
      current,
      next,
      scored,
      'contact',
      actor,
      at,
    ),
    ...indexSteps(workspaceId, current, next),
  ];

  if (normalizeEmail(current.email) !== normalizeEmail(next.email)) {
    steps.push(
      releaseEmail(workspaceId, current.email, current.id),
      claimEmail(workspaceId, next.email, current.id),
    );
  }

  return steps;
};

const backwardsRefused = (from: string, to: string) =>
  new DomainError(
    409,
    'contact.lifecycle_backwards',
    `The contact is at ${from}; moving back to ${to} needs allowBackwards: true.`,
    [{ path: 'lifecycleStage', message: `Earlier than ${from}` }],
  );

/**
 * Stores a patched contact at the next version with its events; a change
 * that changes nothing writes nothing.
 */
export const writeUpdate = async (
  workspaceId: string,
  current: Contact,
  next: Contact,
  changes: Changes,
  actor: Actor,
): Promise<Contact> => {
  if (Object.keys(changes).length === 0) return current;

  next.version = current.version + 1;
  next.updatedAt = new Date().toISOString();
  const scored = await applyScore(workspaceId, next);
  await retryOnConflict(() =>
    transact(
      fitTransaction(
        updateSteps(workspaceId, current, next, changes, actor, scored),
      ),
    ),
  );

  return next;
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
  if (
    patch.lifecycleStage &&
    !patch.allowBackwards &&
    isBackwards(current.lifecycleStage, patch.lifecycleStage)
  ) {
    throw backwardsRefused(current.lifecycleStage, patch.lifecycleStage);
  }

  const prepared = await prepareInput(workspaceId, patch);
  const { next, changes } = applyPatch(current, prepared);

  return writeUpdate(workspaceId, current, next, changes, actor);
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

  await retryOnConflict(() =>
    transact([
      ...indexSteps(workspaceId, current, null),
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
    ]),
  );
};

export { contactFromItem };
