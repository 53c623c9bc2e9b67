import {
  type Contact,
  continueRescores,
  countContacts,
  createContact,
  createCustomField,
  createWorkspace,
  deleteActivity,
  deleteTag,
  getContact,
  logActivity,
  putScoring,
  readTimeline,
  removeTag,
  renameTag,
  rescoreExpired,
  type ScoringRule,
  scoringClock,
  searchContacts,
  updateContact,
} from '@rapport/core';
import type { DomainEvent } from '@rapport/events';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';

const actor = { type: 'api_key' } as const;
const day = 86_400_000;

beforeAll(async () => {
  await useTestTable();
});

afterEach(() => {
  scoringClock.now = () => new Date();
});

const freshWorkspace = async () =>
  (await createWorkspace('Scoring')).workspace.id;

const scoreEvents = async (ws: string, contactId: string) =>
  (await readTimeline(ws, contactId, 100)).items.filter(
    (event): event is DomainEvent<'contact.score_changed'> =>
      event.type === 'contact.score_changed',
  );

describe('lead scores', () => {
  it('adds points for a tag in any case, a stage and a field value, and emits score_changed only on change', async () => {
    const ws = await freshWorkspace();
    await createCustomField(
      ws,
      {
        key: 'plan',
        label: 'Plan',
        type: 'single_select',
        options: ['Free', 'Pro'],
      },
      actor,
    );
    const rules: ScoringRule[] = [
      { id: 'vip', kind: 'tag', tag: 'vip', points: 10 },
      { id: 'lead', kind: 'lifecycle_stage', stage: 'lead', points: 5 },
      {
        id: 'pro',
        kind: 'field',
        key: 'plan',
        op: 'eq',
        value: 'Pro',
        points: 20,
      },
      { id: 'spam', kind: 'tag', tag: 'spam', points: -50 },
    ];
    await putScoring(ws, { rules });

    const ada = await createContact(
      ws,
      {
        email: uniqueEmail('ada'),
        tags: ['VIP'],
        lifecycleStage: 'lead',
        customFields: { plan: 'Pro' },
      },
      actor,
    );
    expect(ada.score).toBe(35);
    expect((await getContact(ws, ada.id)).score).toBe(35);
    const [created] = await scoreEvents(ws, ada.id);
    expect(created?.data).toMatchObject({ from: 0, to: 35, cause: 'contact' });
    expect(created?.data.reasons.map((reason) => reason.ruleId).sort()).toEqual(
      ['lead', 'pro', 'vip'],
    );

    // A change that moves no input moves no score and emits nothing.
    const renamed = await updateContact(
      ws,
      ada.id,
      { firstName: 'Ada' },
      ada.version,
      actor,
    );
    expect(renamed.score).toBe(35);
    expect(await scoreEvents(ws, ada.id)).toHaveLength(1);

    const staged = await updateContact(
      ws,
      ada.id,
      { lifecycleStage: 'customer', customFields: { plan: 'Free' } },
      renamed.version,
      actor,
    );
    expect(staged.score).toBe(10);
    const untagged = await removeTag(ws, ada.id, 'vip', actor);
    expect(untagged.score).toBe(0);
    const spam = await updateContact(
      ws,
      ada.id,
      { tags: ['spam'] },
      untagged.version,
      actor,
    );
    expect(spam.score).toBe(-50);

    const moves = (await scoreEvents(ws, ada.id)).map((event) => [
      event.data.from,
      event.data.to,
    ]);
    expect(moves.sort()).toEqual(
      [
        [0, 35],
        [35, 10],
        [10, 0],
        [0, -50],
      ].sort(),
    );
  });

  it('counts calls inside their window, with a cap, and drops them when the clock moves past it', async () => {
    const ws = await freshWorkspace();
    await putScoring(ws, {
      rules: [
        {
          id: 'calls',
          kind: 'activity',
          activityType: 'call',
          withinDays: 30,
          points: 10,
          cap: 25,
        },
      ],
    });
    const grace = await createContact(
      ws,
      { email: uniqueEmail('grace') },
      actor,
    );
    expect(grace.score).toBe(0);

    const now = Date.now();
    const old = new Date(now - 29 * day).toISOString();
    const oldCall = await logActivity(
      ws,
      { type: 'call', occurredAt: old, contactIds: [grace.id] },
      actor,
    );
    await logActivity(
      ws,
      {
        type: 'note',
        occurredAt: new Date(now - day).toISOString(),
        contactIds: [grace.id],
      },
      actor,
    );
    expect((await getContact(ws, grace.id)).score).toBe(10);
    await logActivity(
      ws,
      {
        type: 'call',
        occurredAt: new Date(now - day).toISOString(),
        contactIds: [grace.id],
      },
      actor,
    );
    const recent = await logActivity(
      ws,
      {
        type: 'call',
        occurredAt: new Date(now - 2 * day).toISOString(),
        contactIds: [grace.id],
      },
      actor,
    );
    const capped = await getContact(ws, grace.id);
    expect(capped.score).toBe(25);
    expect(capped.scoreExpiresAt).toBe(
      new Date(Date.parse(old) + 30 * day).toISOString(),
    );

    // Two days on, the oldest call has left its window: the daily run finds it.
    const later = new Date(now + 2 * day);
    scoringClock.now = () => later;
    const run = await rescoreExpired(later);
    expect(run.changed).toBeGreaterThanOrEqual(1);
    const expired = await getContact(ws, grace.id);
    expect(expired.score).toBe(20);
    const events = await scoreEvents(ws, grace.id);
    expect(events.map((event) => event.data.cause)).toContain('expiry');
    // Running again finds nothing more to do for this contact.
    const again = await rescoreExpired(later);
    expect((await getContact(ws, grace.id)).version).toBe(expired.version);
    expect(again.changed).toBe(0);

    await deleteActivity(ws, recent.id, undefined, actor);
    expect((await getContact(ws, grace.id)).score).toBe(10);
    await deleteActivity(ws, oldCall.id, undefined, actor);
    expect((await getContact(ws, grace.id)).score).toBe(10);
  });

  it('re-scores the contacts a tag rename or delete rewrites', async () => {
    const ws = await freshWorkspace();
    await putScoring(ws, {
      rules: [
        { id: 'hot', kind: 'tag', tag: 'hot', points: 5 },
        { id: 'warm', kind: 'tag', tag: 'warm', points: 2 },
      ],
    });
    const lin = await createContact(
      ws,
      { email: uniqueEmail('lin'), tags: ['hot'] },
      actor,
    );
    expect(lin.score).toBe(5);
    await renameTag(ws, 'hot', 'warm', actor);
    expect((await getContact(ws, lin.id)).score).toBe(2);
    await deleteTag(ws, 'warm', actor);
    const after = await getContact(ws, lin.id);
    expect(after.score).toBe(0);
    expect(
      (await scoreEvents(ws, lin.id)).map((event) => event.data.to),
    ).toEqual(expect.arrayContaining([5, 2, 0]));
  });

  it('re-scores contacts stored before the rules when the rules change', async () => {
    const ws = await freshWorkspace();
    const before = await createContact(
      ws,
      { email: uniqueEmail('before'), tags: ['webinar'] },
      actor,
    );
    expect(before.score).toBe(0);
    const result = await putScoring(ws, {
      rules: [{ id: 'webinar', kind: 'tag', tag: 'Webinar', points: 7 }],
    });
    expect(result).toMatchObject({ version: 1, examined: 1, rescored: 1 });
    expect((await getContact(ws, before.id)).score).toBe(7);
    const [event] = await scoreEvents(ws, before.id);
    expect(event?.data).toMatchObject({ from: 0, to: 7, cause: 'rules' });
    await expect(
      putScoring(ws, { rules: [], version: 0 }),
    ).rejects.toMatchObject({
      status: 412,
    });
    await putScoring(ws, { rules: [], version: 1 });
    expect((await getContact(ws, before.id)).score).toBe(0);
  });

  it('leaves a large re-score to the schedule, which finishes it from where the request stopped', async () => {
    const ws = await freshWorkspace();
    const ids: string[] = [];
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) {
      ids.push(
        (
          await createContact(
            ws,
            { email: uniqueEmail(name), tags: ['trial'] },
            actor,
          )
        ).id,
      );
    }
    const put = await putScoring(
      ws,
      { rules: [{ id: 'trial', kind: 'tag', tag: 'trial', points: 3 }] },
      { budgetMs: 0, pageSize: 2 },
    );
    expect(put).toMatchObject({ examined: 2, rescored: 2, complete: false });
    const scores = async () =>
      Promise.all(ids.map(async (id) => (await getContact(ws, id)).score));
    expect((await scores()).filter((score) => score === 3)).toHaveLength(2);

    // Newer rules replace the pending walk; the schedule finishes that one.
    await putScoring(
      ws,
      { rules: [{ id: 'trial', kind: 'tag', tag: 'trial', points: 4 }] },
      { budgetMs: 0, pageSize: 1 },
    );
    let runs = 0;
    while ((await scores()).some((score) => score !== 4) && runs < 10) {
      await continueRescores({ budgetMs: 0, pageSize: 1 });
      runs += 1;
    }
    expect(await scores()).toEqual([4, 4, 4, 4, 4]);
    // Once the walk has seen the listing's end, nothing is left pending.
    await continueRescores();
    expect((await continueRescores()).workspaces).toBe(0);
    expect(await scores()).toEqual([4, 4, 4, 4, 4]);
  });

  it('filters and sorts by score, paging without skipping or repeating', async () => {
    const ws = await freshWorkspace();
    await putScoring(ws, {
      rules: [
        { id: 'a', kind: 'tag', tag: 'a', points: 1 },
        { id: 'b', kind: 'tag', tag: 'b', points: 2 },
        { id: 'c', kind: 'tag', tag: 'c', points: 4 },
        { id: 'd', kind: 'tag', tag: 'd', points: 8 },
        { id: 'x', kind: 'tag', tag: 'x', points: -3 },
      ],
    });
    const contacts: Contact[] = [];
    const tagSets = [
      [],
      ['a'],
      ['b'],
      ['a', 'b'],
      ['c'],
      ['a', 'c'],
      ['b', 'c'],
      ['d'],
      ['a', 'd'],
      ['c', 'd'],
      ['x'],
      ['a', 'b'],
      ['c'],
      ['b', 'c', 'd'],
    ];
    for (const [index, tags] of tagSets.entries()) {
      contacts.push(
        await createContact(
          ws,
          { email: uniqueEmail(`s${index}`), tags },
          actor,
        ),
      );
    }
    const inRange = contacts
      .filter((contact) => contact.score >= 2 && contact.score <= 12)
      .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1));

    const seen: Contact[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchContacts(ws, {
        filter: { score: { gte: 2, lte: 12 } },
        sort: { by: 'score', order: 'desc' },
        limit: 3,
        cursor,
      });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen.map((contact) => contact.id)).toEqual(
      inRange.map((contact) => contact.id),
    );
    expect(await countContacts(ws, { score: { gte: 2, lte: 12 } })).toBe(
      inRange.length,
    );

    // Negative scores sort first; a lower bound alone; a tag with a range.
    const ascending = await searchContacts(ws, {
      filter: {},
      sort: { by: 'score', order: 'asc' },
      limit: 2,
    });
    expect(ascending.items.map((contact) => contact.score)).toEqual([-3, 0]);
    expect(await countContacts(ws, { score: { gte: 12 } })).toBe(
      contacts.filter((contact) => contact.score >= 12).length,
    );
    const tagged = await searchContacts(ws, {
      filter: { tags: { any: ['c'] }, score: { lte: 6 } },
      limit: 50,
    });
    expect(tagged.items.map((contact) => contact.id).sort()).toEqual(
      contacts
        .filter((contact) => contact.tags.includes('c') && contact.score <= 6)
        .map((contact) => contact.id)
        .sort(),
    );
  });
});
