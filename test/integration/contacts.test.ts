import {
  createContact,
  type DomainError,
  deleteContact,
  getContact,
  queryContacts,
  readContactByEmail,
  readTimeline,
  updateContact,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';
import { failureOf } from '../support/failure';

const actor = { type: 'api_key' } as const;
let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

describe('contacts on DynamoDB Local', () => {
  it('lets exactly one of ten concurrent creates of one email win', async () => {
    const email = uniqueEmail('race');
    const spellings = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? email.toUpperCase() : ` ${email} `,
    );

    const results = await Promise.allSettled(
      spellings.map((spelling) =>
        createContact(workspaceId, { email: spelling }, actor),
      ),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as DomainError).code)).toEqual(
      Array(9).fill('contact.email_taken'),
    );
    const stored = await readContactByEmail(workspaceId, email);
    expect(stored?.id).toBe(won[0]?.value.id);
  });

  it('names the existing contact when an email is taken', async () => {
    const email = uniqueEmail('taken');
    const first = await createContact(workspaceId, { email }, actor);

    const error = await failureOf(
      createContact(workspaceId, { email: email.toUpperCase() }, actor),
    );

    expect(error.status).toBe(409);
    expect(error.meta).toEqual({ contactId: first.id });
  });

  it('refuses an update made from a stale version, keeping the first', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('occ') },
      actor,
    );

    const results = await Promise.allSettled([
      updateContact(workspaceId, contact.id, { company: 'Acme' }, 1, actor),
      updateContact(workspaceId, contact.id, { company: 'Globex' }, 1, actor),
    ]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason.code).toBe(
      'contact.version_conflict',
    );
    const stored = await getContact(workspaceId, contact.id);
    expect(stored.version).toBe(2);
    expect(stored.company).toBe(won[0]?.value.company);
  });

  it('moves the uniqueness guard when the email changes', async () => {
    const oldEmail = uniqueEmail('old');
    const newEmail = uniqueEmail('new');
    const contact = await createContact(
      workspaceId,
      { email: oldEmail },
      actor,
    );

    await updateContact(workspaceId, contact.id, { email: newEmail }, 1, actor);

    expect(await readContactByEmail(workspaceId, oldEmail)).toBeUndefined();
    expect((await readContactByEmail(workspaceId, newEmail))?.id).toBe(
      contact.id,
    );
    const reuse = await createContact(workspaceId, { email: oldEmail }, actor);
    expect(reuse.email).toBe(oldEmail);
  });

  it('writes no event when a patch changes nothing', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('same'), company: 'Acme' },
      actor,
    );

    const after = await updateContact(
      workspaceId,
      contact.id,
      { company: 'Acme' },
      1,
      actor,
    );

    expect(after.version).toBe(1);
    const timeline = await readTimeline(workspaceId, contact.id, 10);
    expect(timeline.items.map((event) => event.type)).toEqual([
      'contact.created',
    ]);
  });

  it('frees the address on delete and keeps the timeline', async () => {
    const email = uniqueEmail('gone');
    const contact = await createContact(workspaceId, { email }, actor);

    await deleteContact(workspaceId, contact.id, 1, actor);

    expect((await failureOf(getContact(workspaceId, contact.id))).code).toBe(
      'contact.not_found',
    );
    expect(await readContactByEmail(workspaceId, email)).toBeUndefined();
    const timeline = await readTimeline(workspaceId, contact.id, 10);
    expect(timeline.items.map((event) => event.type)).toEqual([
      'contact.deleted',
      'contact.created',
    ]);
  });

  it('pages through every contact once while others are being added', async () => {
    const { workspace } = await import('@rapport/core').then((core) =>
      core.createWorkspace('Paging'),
    );
    const made = [];
    for (let i = 0; i < 23; i += 1) {
      made.push(
        await createContact(
          workspace.id,
          { email: uniqueEmail(`p${i}`) },
          actor,
        ),
      );
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await queryContacts(workspace.id, 5, cursor);
      seen.push(...page.items.map((contact) => contact.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
      if (pages === 2) {
        made.push(
          await createContact(
            workspace.id,
            { email: uniqueEmail('late') },
            actor,
          ),
        );
      }
    } while (cursor);

    expect(seen).toEqual(made.map((contact) => contact.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages a timeline newest first without skipping or repeating', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('timeline') },
      actor,
    );
    for (let version = 1; version <= 12; version += 1) {
      await updateContact(
        workspaceId,
        contact.id,
        { company: `Company ${version}` },
        version,
        actor,
      );
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await readTimeline(workspaceId, contact.id, 4, cursor);
      seen.push(...page.items.map((event) => event.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toHaveLength(13);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses a cursor it did not hand out', async () => {
    const error = await failureOf(
      queryContacts(workspaceId, 5, 'bm90LWEtY3Vyc29y'),
    );

    expect(error.status).toBe(400);
    expect(error.code).toBe('request.invalid_cursor');
  });
});
