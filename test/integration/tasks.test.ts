import {
  announceDueTasks,
  createContact,
  createTask,
  dueRange,
  listOpenTasks,
  readTimeline,
  type Task,
  updateTask,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';

const actor = { type: 'api_key' } as const;
let workspaceId: string;
let contactId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
  contactId = (
    await createContact(workspaceId, { email: uniqueEmail('todo') }, actor)
  ).id;
});

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

const task = (ownerId: string, title: string, dueAt: string) =>
  createTask(workspaceId, { title, dueAt, ownerId, contactId }, actor);

const titles = (tasks: Task[]) => tasks.map((t) => t.title);

describe('tasks on DynamoDB Local', () => {
  it("answers a rep's overdue tasks, soonest first, without done or others' tasks", async () => {
    const owner = `rep_${Math.random().toString(36).slice(2)}`;
    await task(owner, 'two days late', hours(-48));
    await task(owner, 'an hour late', hours(-1));
    await task(owner, 'due tomorrow', hours(26));
    const done = await task(owner, 'late but done', hours(-5));
    await task('rep_someone_else', 'not mine', hours(-3));
    await updateTask(workspaceId, done.id, { status: 'done' }, 1, actor);

    const overdue = await listOpenTasks(
      workspaceId,
      { owner, due: 'overdue', tz: 'UTC' },
      25,
    );
    const all = await listOpenTasks(workspaceId, { owner, tz: 'UTC' }, 25);

    expect(titles(overdue.items)).toEqual(['two days late', 'an hour late']);
    expect(titles(all.items)).toEqual([
      'two days late',
      'an hour late',
      'due tomorrow',
    ]);
  });

  it('pages a long to-do list without skipping or repeating', async () => {
    const owner = `rep_${Math.random().toString(36).slice(2)}`;
    for (let i = 0; i < 7; i += 1) await task(owner, `t${i}`, hours(-10 + i));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOpenTasks(
        workspaceId,
        { owner, due: 'overdue', tz: 'UTC' },
        3,
        cursor,
      );
      seen.push(...titles(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
  });

  it.each([
    {
      window: 'today',
      tz: 'UTC',
      from: '2026-03-28T00:00:00.000Z',
      to: '2026-03-29T00:00:00.000Z',
    },
    {
      window: 'today',
      tz: 'Europe/Paris',
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    },
    {
      window: 'week',
      tz: 'America/New_York',
      from: '2026-03-28T04:00:00.000Z',
      to: '2026-04-04T04:00:00.000Z',
    },
  ] as const)(
    "bounds $window in $tz by the rep's midnights",
    ({ window, tz, from, to }) => {
      const now = new Date(
        tz === 'Europe/Paris' ? '2026-03-29T10:00:00Z' : '2026-03-28T15:00:00Z',
      );

      const range = dueRange(window, now, tz);

      expect({
        from: range.from?.toISOString(),
        to: range.to?.toISOString(),
      }).toEqual({ from, to });
    },
  );

  it('announces each due task once, however often or concurrently the schedule runs', async () => {
    const owner = `rep_${Math.random().toString(36).slice(2)}`;
    const due = await task(owner, 'call back', hours(-2));
    const later = await task(owner, 'next week', hours(24 * 6));
    const finished = await task(owner, 'already done', hours(-1));
    await updateTask(workspaceId, finished.id, { status: 'done' }, 1, actor);

    const runs = await Promise.all([announceDueTasks(), announceDueTasks()]);
    const again = await announceDueTasks();

    expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(1);
    expect(again).toBe(0);
    const timeline = await readTimeline(
      workspaceId,
      contactId,
      100,
      undefined,
      { types: ['task.due'] },
    );
    const announced = timeline.items.map(
      (entry) => (entry.data as { task: Task }).task.id,
    );
    expect(announced.filter((id) => id === due.id)).toHaveLength(1);
    expect(announced).not.toContain(later.id);
    expect(announced).not.toContain(finished.id);
  });

  it('announces a task again when its due time is moved', async () => {
    const owner = `rep_${Math.random().toString(36).slice(2)}`;
    const moved = await task(owner, 'moved', hours(-1));
    await announceDueTasks();

    await updateTask(workspaceId, moved.id, { dueAt: hours(-0.5) }, 1, actor);
    await announceDueTasks();

    const timeline = await readTimeline(
      workspaceId,
      contactId,
      100,
      undefined,
      { types: ['task.due'] },
    );
    const dueTimes = timeline.items
      .map((entry) => (entry.data as { task: Task }).task)
      .filter((t) => t.id === moved.id)
      .map((t) => t.dueAt);
    expect(dueTimes).toHaveLength(2);
  });

  it('completes a task with task.completed on the contact timeline', async () => {
    const owner = `rep_${Math.random().toString(36).slice(2)}`;
    const open = await task(owner, 'send quote', hours(3));

    const done = await updateTask(
      workspaceId,
      open.id,
      { status: 'done' },
      1,
      actor,
    );

    expect(done).toMatchObject({ status: 'done', version: 2 });
    expect(done.completedAt).not.toBeNull();
    const timeline = await readTimeline(
      workspaceId,
      contactId,
      100,
      undefined,
      {
        types: ['task.completed'],
      },
    );
    expect(
      timeline.items.map((entry) => (entry.data as { task: Task }).task.id),
    ).toContain(open.id);
  });
});
