import type { Actor, DomainEvent, Subject } from '@rapport/events';
import { requireRecord } from '../activity/activity.store';
import { DomainError, notFound } from '../errors';
import {
  appendEvent,
  appendEventCopies,
  buildEvent,
} from '../event/event.item';
import { newId } from '../ids';
import type { Page } from '../table/cursor';
import { type TransactionStep, transact } from '../table/transact';
import type { DueWindow, Task, TaskCreate, TaskUpdate } from './task.schema';
import {
  dropDueMarker,
  fileDueMarker,
  hourOf,
  queryOpenTasks,
  readTask,
  taskItem,
} from './task.store';

type Changes = Record<string, { from: unknown; to: unknown }>;

/** The records whose timelines show a task: its contact first, its deal. */
export const taskRecords = (task: Task): Subject[] => [
  ...(task.contactId ? [{ type: 'contact' as const, id: task.contactId }] : []),
  ...(task.dealId ? [{ type: 'deal' as const, id: task.dealId }] : []),
];

/** A task event on its first record's timeline, copied to the other. */
export const taskEventSteps = (event: DomainEvent, task: Task) => [
  appendEvent(event),
  ...appendEventCopies(event, taskRecords(task).slice(1)),
];

/** The hour a task's due marker is filed under: never one already past. */
const markerHour = (task: Task, now: Date) =>
  hourOf(new Date(Math.max(new Date(task.dueAt).getTime(), now.getTime())));

const versionConflict = (
  existing: Record<string, unknown> | undefined,
  taskId: string,
) =>
  existing
    ? new DomainError(
        412,
        'task.version_conflict',
        'The task changed since this version was read; read it again and retry.',
        [
          {
            path: 'version',
            message: `Current version is ${existing.version}`,
          },
        ],
        { currentVersion: existing.version },
      )
    : notFound('task', taskId);

/** Creates an open task and files it to be announced when it falls due. */
export const createTask = async (
  workspaceId: string,
  input: TaskCreate,
  actor: Actor,
): Promise<Task> => {
  const now = new Date();
  const task: Task = {
    id: newId('tsk', now.getTime()),
    title: input.title,
    dueAt: new Date(input.dueAt).toISOString(),
    ownerId: input.ownerId,
    contactId: input.contactId ?? null,
    dealId: input.dealId ?? null,
    status: 'open',
    completedAt: null,
    notes: input.notes ?? null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const hour = markerHour(task, now);

  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: taskItem(workspaceId, task, hour),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    ...taskRecords(task).map((record) =>
      requireRecord(workspaceId, record, `${record.type}Id`),
    ),
    fileDueMarker(workspaceId, task, hour),
    ...taskEventSteps(
      buildEvent({
        type: 'task.created',
        workspaceId,
        subject: taskRecords(task)[0],
        actor,
        at: now,
        data: { task },
      }),
      task,
    ),
  ]);

  return task;
};

export const getTask = async (
  workspaceId: string,
  taskId: string,
): Promise<Task> => {
  const stored = await readTask(workspaceId, taskId);
  if (!stored) throw notFound('task', taskId);

  return stored.task;
};

/**
 * Changes a task at the version the client saw. Completing it takes it off
 * the owner's list and out of the due schedule (`task.completed`); moving
 * its due time or reopening it files it again, so it is announced anew.
 */
export const updateTask = async (
  workspaceId: string,
  taskId: string,
  patch: Omit<TaskUpdate, 'version'>,
  seenVersion: number,
  actor: Actor,
): Promise<Task> => {
  const stored = await readTask(workspaceId, taskId);
  if (!stored) throw notFound('task', taskId);
  const current = stored.task;
  if (current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, taskId);
  }

  const now = new Date();
  const next: Task = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  next.dueAt = new Date(next.dueAt).toISOString();
  if (next.status !== current.status) {
    next.completedAt = next.status === 'done' ? now.toISOString() : null;
  }

  const changes: Changes = {};
  for (const field of Object.keys(next) as (keyof Task)[]) {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) {
      changes[field] = { from: current[field], to: next[field] };
    }
  }
  if (Object.keys(changes).length === 0) return current;
  next.version = current.version + 1;
  next.updatedAt = now.toISOString();

  // The due marker moves when the due time or the status changes.
  const refile = changes.dueAt !== undefined || changes.status !== undefined;
  const hour = next.status === 'open' ? markerHour(next, now) : null;
  const markerSteps: TransactionStep[] = [];
  if (refile && stored.dueMarkerHour) {
    markerSteps.push(dropDueMarker(workspaceId, current, stored.dueMarkerHour));
  }
  if (refile && hour) markerSteps.push(fileDueMarker(workspaceId, next, hour));

  const base = {
    workspaceId,
    subject: taskRecords(next)[0],
    actor,
    at: now,
  };
  const event =
    changes.status !== undefined && next.status === 'done'
      ? buildEvent({ ...base, type: 'task.completed', data: { task: next } })
      : buildEvent({
          ...base,
          type: 'task.updated',
          data: { task: next, changes },
        });
  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: taskItem(
            workspaceId,
            next,
            refile ? hour : stored.dueMarkerHour,
          ),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': current.version },
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, taskId),
    },
    ...markerSteps,
    ...taskEventSteps(event, next),
  ]);

  return next;
};

/** How far ahead of UTC a time zone's wall clock is at an instant. */
const offsetAt = (at: number, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );

  return wallClock - Math.floor(at / 1000) * 1000;
};

/** Midnight, as a UTC instant, of the day `at` falls on in `timeZone`. */
export const startOfDay = (at: Date, timeZone: string): Date => {
  const local = new Date(at.getTime() + offsetAt(at.getTime(), timeZone));
  const wallMidnight = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate(),
  );
  // The offset at midnight can differ from now's on a daylight-saving day.
  const guess = wallMidnight - offsetAt(wallMidnight, timeZone);

  return new Date(wallMidnight - offsetAt(guess, timeZone));
};

/**
 * The due times a to-do list window covers: overdue is before now; today
 * and week start at the rep's midnight and last one and seven days.
 */
export const dueRange = (
  window: DueWindow | undefined,
  now: Date,
  timeZone: string,
): { from?: Date; to?: Date } => {
  if (window === undefined) return {};
  if (window === 'overdue') return { to: now };
  const from = startOfDay(now, timeZone);
  const days = window === 'today' ? 1 : 7;

  return {
    from,
    to: startOfDay(
      new Date(from.getTime() + (days * 24 + 2) * 3_600_000),
      timeZone,
    ),
  };
};

/** A rep's open tasks, soonest due first. */
export const listOpenTasks = (
  workspaceId: string,
  query: { owner: string; due?: DueWindow; tz: string },
  limit: number,
  cursor?: string,
  now = new Date(),
): Promise<Page<Task>> =>
  queryOpenTasks(
    workspaceId,
    query.owner,
    dueRange(query.due, now, query.tz),
    limit,
    cursor,
  );
