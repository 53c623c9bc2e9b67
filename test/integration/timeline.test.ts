import {
  createContact,
  type DomainError,
  logActivity,
  readTimeline,
  updateContact,
} from '@rapport/core';
import type { DomainEvent } from '@rapport/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';

const actor = { type: 'api_key' } as const;
let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

const readAll = async (
  contactId: string,
  limit: number,
  filter: Parameters<typeof readTimeline>[4] = {},
  between?: (page: number) => Promise<void>,
) => {
  const pages: DomainEvent[][] = [];
  let cursor: string | undefined;
  do {
    const page = await readTimeline(
      workspaceId,
      contactId,
      limit,
      cursor,
      filter,
    );
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
    await between?.(pages.length);
  } while (cursor);

  return pages;
};

const note = (contactId: string, occurredAt: Date, body = 'note') =>
  logActivity(
    workspaceId,
    {
      type: 'note',
      occurredAt: occurredAt.toISOString(),
      contactIds: [contactId],
      body,
    },
    actor,
  );

describe('timelines on DynamoDB Local', () => {
  it('pages exactly, newest first, while entries are being added', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('busy') },
      actor,
    );
    for (let i = 0; i < 20; i += 1) await note(contact.id, new Date(), `n${i}`);
    const before = (await readTimeline(workspaceId, contact.id, 100)).items.map(
      (e) => e.id,
    );

    const pages = await readAll(contact.id, 6, {}, async () => {
      await Promise.all([
        note(contact.id, new Date(), 'during'),
        note(contact.id, new Date(), 'during too'),
      ]);
    });

    const seen = pages.flat().map((entry) => entry.id);
    expect(seen).toEqual(before);
    expect(pages.map((page) => page.length)).toEqual([6, 6, 6, 3]);
  });

  it('fills every page of a type filter and ends without an empty page', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('mixed') },
      actor,
    );
    for (let i = 1; i <= 9; i += 1) {
      await updateContact(
        workspaceId,
        contact.id,
        { company: `C${i}` },
        i,
        actor,
      );
      if (i % 3 === 0) await note(contact.id, new Date(), `n${i}`);
    }

    const pages = await readAll(contact.id, 2, { types: ['activity.logged'] });
    const four = await readAll(contact.id, 3, {
      types: ['activity.logged', 'contact.created'],
    });

    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat().map((entry) => entry.data)).toMatchObject([
      { activity: { body: 'n9' } },
      { activity: { body: 'n6' } },
      { activity: { body: 'n3' } },
    ]);
    expect(four.map((page) => page.length)).toEqual([3, 1]);
    expect(four.flat().at(-1)?.type).toBe('contact.created');
  });

  it('reads a time range from the entries that happened in it', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('range') },
      actor,
    );
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
    for (const n of [1, 2, 3, 4, 5]) await note(contact.id, day(n), `day ${n}`);

    const inside = await readAll(contact.id, 10, { from: day(2), to: day(4) });
    const onlyFrom = await readAll(contact.id, 10, { from: day(5) });

    expect(inside.flat().map((entry) => entry.data)).toMatchObject([
      { activity: { body: 'day 4' } },
      { activity: { body: 'day 3' } },
      { activity: { body: 'day 2' } },
    ]);
    expect(onlyFrom.flat().map((entry) => entry.type)).toEqual([
      'contact.created',
      'activity.logged',
    ]);
  });

  it('answers an empty page for a filter that matches nothing on a real contact', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('quiet') },
      actor,
    );

    const page = await readTimeline(workspaceId, contact.id, 10, undefined, {
      types: ['purchase.completed'],
    });

    expect(page).toEqual({ items: [], nextCursor: null });
  });

  it('answers 404 for a contact that never existed, filtered or not', async () => {
    const error = await readTimeline(workspaceId, 'ct_never', 10, undefined, {
      types: ['purchase.completed'],
    }).catch((failure: DomainError) => failure);

    expect(error).toMatchObject({ status: 404, code: 'contact.not_found' });
  });
});
