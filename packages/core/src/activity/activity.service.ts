import type { Actor, Subject } from '@rapport/events';
import { DomainError, notFound } from '../errors';
import {
  appendEvent,
  appendEventCopies,
  buildEvent,
} from '../event/event.item';
import { newId } from '../ids';
import { rescoreAfterActivity } from '../scoring/scoring.service';
import { keys } from '../table/keys';
import { type TransactionStep, transact } from '../table/transact';
import {
  type Activity,
  type ActivityCreate,
  type ActivityUpdate,
  checkActivity,
} from './activity.schema';
import { activityItem, readActivity, requireRecord } from './activity.store';

type Changes = Record<string, { from: unknown; to: unknown }>;

const stampKeys = (workspaceId: string, activity: Activity | null) =>
  (activity?.contactIds ?? []).map((contactId) =>
    keys.activityStamp(
      workspaceId,
      contactId,
      activity?.type ?? '',
      activity?.occurredAt ?? '',
      activity?.id ?? '',
    ),
  );

/**
 * The stamps an activity leaves on each linked contact's partition (by
 * type and time, for lead scores), following it from `before` to `after`.
 */
const stampSteps = (
  workspaceId: string,
  before: Activity | null,
  after: Activity | null,
): TransactionStep[] => {
  const old = stampKeys(workspaceId, before);
  const now = stampKeys(workspaceId, after);
  const id = (key: { pk: string; sk: string }) => `${key.pk} ${key.sk}`;
  const oldIds = new Set(old.map(id));
  const nowIds = new Set(now.map(id));

  return [
    ...old
      .filter((key) => !nowIds.has(id(key)))
      .map((Key) => ({ write: { Delete: { TableName: '', Key } } })),
    ...now
      .filter((key) => !oldIds.has(id(key)))
      .map((key) => ({
        write: {
          Put: {
            TableName: '',
            Item: {
              ...key,
              entity: 'ActivityStamp',
              workspaceId,
              activityId: after?.id,
              type: after?.type,
              occurredAt: after?.occurredAt,
            },
          },
        },
      })),
  ];
};

/** The records whose timelines show an activity: its contacts, its deal. */
const linkedRecords = (activity: Activity): Subject[] => [
  ...activity.contactIds.map((id) => ({ type: 'contact' as const, id })),
  ...(activity.dealId ? [{ type: 'deal' as const, id: activity.dealId }] : []),
];

const sameRecord = (a: Subject) => (b: Subject) =>
  a.type === b.type && a.id === b.id;

/**
 * The event on the first record's timeline and a copy on each other one,
 * so that every linked contact and deal shows the activity exactly once.
 */
const eventSteps = (
  event: Parameters<typeof appendEvent>[0],
  records: Subject[],
): TransactionStep[] => [
  appendEvent(event),
  ...appendEventCopies(
    event,
    records.filter((record) => !sameRecord(record)(event.subject)),
  ),
];

/** Checks, in the same transaction, that each newly linked record exists. */
const requireLinks = (
  workspaceId: string,
  activity: Activity,
  already: Subject[],
): TransactionStep[] =>
  linkedRecords(activity)
    .filter((record) => !already.some(sameRecord(record)))
    .map((record) =>
      requireRecord(
        workspaceId,
        record,
        record.type === 'deal'
          ? 'dealId'
          : `contactIds[${activity.contactIds.indexOf(record.id)}]`,
      ),
    );

const versionConflict = (
  existing: Record<string, unknown> | undefined,
  activityId: string,
) =>
  existing
    ? new DomainError(
        412,
        'activity.version_conflict',
        'The activity changed since this version was read; read it again and retry.',
        [
          {
            path: 'version',
            message: `Current version is ${existing.version}`,
          },
        ],
        { currentVersion: existing.version },
      )
    : notFound('activity', activityId);

/**
 * Logs a call, meeting, email or note. Its `activity.logged` event is
 * dated when the activity happened, so a call logged a day late sits on
 * each timeline where it belongs.
 */
export const logActivity = async (
  workspaceId: string,
  input: ActivityCreate,
  actor: Actor,
): Promise<Activity> => {
  const now = new Date();
  const activity: Activity = {
    id: newId('act', now.getTime()),
    type: input.type,
    occurredAt: new Date(input.occurredAt).toISOString(),
    contactIds: [...new Set(input.contactIds)],
    dealId: input.dealId ?? null,
    ownerId: input.ownerId ?? null,
    subject: input.subject ?? null,
    durationMinutes: input.durationMinutes ?? null,
    outcome: input.outcome ?? null,
    body: input.body ?? null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  checkActivity(activity, now);

  const event = buildEvent({
    type: 'activity.logged',
    workspaceId,
    contactId: activity.contactIds[0],
    actor,
    at: new Date(activity.occurredAt),
    data: { activity },
  });
  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: activityItem(workspaceId, activity),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    ...requireLinks(workspaceId, activity, []),
    ...eventSteps(event, linkedRecords(activity)),
    ...stampSteps(workspaceId, null, activity),
  ]);
  await rescoreAfterActivity(workspaceId, activity.contactIds);

  return activity;
};

export const getActivity = async (
  workspaceId: string,
  activityId: string,
): Promise<Activity> => {
  const activity = await readActivity(workspaceId, activityId);
  if (!activity) throw notFound('activity', activityId);

  return activity;
};

const diff = (current: Activity, next: Activity): Changes => {
  const changes: Changes = {};
  for (const field of Object.keys(next) as (keyof Activity)[]) {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) {
      changes[field] = { from: current[field], to: next[field] };
    }
  }

  return changes;
};

/**
 * Changes an activity if it is still at the version the client saw. The
 * `activity.updated` event goes on the timeline of every record linked
 * before or after, so an unlinked contact's history says why it left.
 */
export const updateActivity = async (
  workspaceId: string,
  activityId: string,
  patch: Omit<ActivityUpdate, 'version'>,
  seenVersion: number,
  actor: Actor,
): Promise<Activity> => {
  const current = await getActivity(workspaceId, activityId);
  if (current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, activityId);
  }

  const now = new Date();
  const next: Activity = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  next.occurredAt = new Date(next.occurredAt).toISOString();
  next.contactIds = [...new Set(next.contactIds)];
  checkActivity(next, now);

  const changes = diff(current, next);
  if (Object.keys(changes).length === 0) return current;
  next.version = current.version + 1;
  next.updatedAt = now.toISOString();

  const before = linkedRecords(current);
  const records = [
    ...linkedRecords(next),
    ...before.filter((record) => !linkedRecords(next).some(sameRecord(record))),
  ];
  const event = buildEvent({
    type: 'activity.updated',
    workspaceId,
    contactId: next.contactIds[0],
    actor,
    at: now,
    data: { activity: next, changes },
  });
  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: activityItem(workspaceId, next),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': current.version },
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, activityId),
    },
    ...requireLinks(workspaceId, next, before),
    ...eventSteps(event, records),
    ...stampSteps(workspaceId, current, next),
  ]);
  await rescoreAfterActivity(workspaceId, [
    ...current.contactIds,
    ...next.contactIds,
  ]);

  return next;
};

/**
 * Deletes an activity. The timelines keep their history: `activity.deleted`
 * joins the `activity.logged` entry on every linked record, and clients
 * fold the two together by the activity's id.
 */
export const deleteActivity = async (
  workspaceId: string,
  activityId: string,
  seenVersion: number | undefined,
  actor: Actor,
): Promise<void> => {
  const current = await getActivity(workspaceId, activityId);
  if (seenVersion !== undefined && current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, activityId);
  }

  const event = buildEvent({
    type: 'activity.deleted',
    workspaceId,
    contactId: current.contactIds[0],
    actor,
    data: { activity: current },
  });
  await transact([
    {
      write: {
        Delete: {
          TableName: '',
          Key: keys.activity(workspaceId, activityId),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': current.version },
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, activityId),
    },
    ...eventSteps(event, linkedRecords(current)),
    ...stampSteps(workspaceId, current, null),
  ]);
  await rescoreAfterActivity(workspaceId, current.contactIds);
};
