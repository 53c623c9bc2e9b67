import {
  addTags,
  type Contact,
  type ContactFilter,
  countContacts,
  createContact,
  createCustomField,
  createSegment,
  createWorkspace,
  deleteContact,
  deleteCustomField,
  deleteTag,
  getContact,
  listTags,
  readTimeline,
  removeTag,
  renameTag,
  searchContacts,
  segmentContacts,
  updateContact,
  updateCustomField,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';
import { failureOf } from '../support/failure';

const actor = { type: 'api_key' } as const;

beforeAll(async () => {
  await useTestTable();
});

/** Each test gets a workspace of its own, so counts start at zero. */
const freshWorkspace = async () =>
  (await createWorkspace('Context')).workspace.id;

const contact = (
  ws: string,
  input: Partial<Parameters<typeof createContact>[1]> = {},
) => createContact(ws, { email: uniqueEmail(), ...input }, actor);

const eventTypes = async (ws: string, id: string) =>
  (await readTimeline(ws, id, 50)).items.map((event) => event.type).reverse();

/** Walks every page of a search and answers the ids in order. */
const walk = async (
  ws: string,
  filter: ContactFilter,
  limit: number,
  order: 'asc' | 'desc' = 'asc',
) => {
  const ids: string[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchContacts(ws, {
      filter,
      limit,
      cursor,
      sort: { by: 'createdAt', order },
    });
    ids.push(...page.items.map((item) => item.id));
    pages.push(page.items.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  return { ids, pages };
};

const idsOf = (contacts: Contact[]) => contacts.map((c) => c.id);

describe('tags', () => {
  it('matches tags without regard to case and keeps the first spelling', async () => {
    const ws = await freshWorkspace();
    const ada = await contact(ws, { tags: ['Lead Magnet', 'Café'] });

    const bob = await contact(ws, { tags: ['lead magnet', 'CAFÉ', 'vip'] });

    expect(bob.tags).toEqual(['Lead Magnet', 'Café', 'vip']);
    expect(await listTags(ws)).toEqual([
      { name: 'Café', count: 2 },
      { name: 'Lead Magnet', count: 2 },
      { name: 'vip', count: 1 },
    ]);
    expect(ada.tags).toEqual(['Lead Magnet', 'Café']);
  });

  it('emits tag events only when something changed and keeps counts exact', async () => {
    const ws = await freshWorkspace();
    const ada = await contact(ws, { tags: ['webinar'] });

    await addTags(ws, ada.id, ['WEBINAR'], actor);
    await addTags(ws, ada.id, ['vip', 'webinar'], actor);
    await removeTag(ws, ada.id, 'VIP', actor);
    await removeTag(ws, ada.id, 'vip', actor);

    const types = await eventTypes(ws, ada.id);
    expect(types.filter((t) => t === 'contact.tag_added')).toHaveLength(2);
    expect(types.filter((t) => t === 'contact.tag_removed')).toHaveLength(1);
    expect(await listTags(ws)).toEqual([{ name: 'webinar', count: 1 }]);
    expect((await getContact(ws, ada.id)).version).toBe(3);
  });

  it('renames a tag on every contact that carries it, and only those', async () => {
    const ws = await freshWorkspace();
    const tagged = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        contact(ws, { tags: i % 2 ? ['webinar', 'x'] : ['webinar'] }),
      ),
    );
    const other = await contact(ws, { tags: ['newsletter'] });

    const renamed = await renameTag(ws, 'WEBINAR', 'Webinar 2026', actor);

    expect(renamed).toEqual({ name: 'Webinar 2026', count: 45 });
    for (const { id } of tagged) {
      expect((await getContact(ws, id)).tags[0]).toBe('Webinar 2026');
    }
    expect((await getContact(ws, other.id)).tags).toEqual(['newsletter']);
    expect(await listTags(ws)).toEqual([
      { name: 'Webinar 2026', count: 45 },
      { name: 'x', count: 22 },
      { name: 'newsletter', count: 1 },
    ]);
    expect(await countContacts(ws, { tags: { any: ['webinar'] } })).toBe(0);
    const found = await walk(ws, { tags: { all: ['webinar 2026'] } }, 100);
    expect(found.ids.sort()).toEqual(idsOf(tagged).sort());
  });

  it('merges a tag renamed to one that exists, counting each contact once', async () => {
    const ws = await freshWorkspace();
    const both = await contact(ws, { tags: ['Trial', 'trial-2'] });
    const onlyOld = await contact(ws, { tags: ['trial-2'] });

    await renameTag(ws, 'trial-2', 'TRIAL', actor);

    expect((await getContact(ws, both.id)).tags).toEqual(['Trial']);
    expect((await getContact(ws, onlyOld.id)).tags).toEqual(['Trial']);
    expect(await listTags(ws)).toEqual([{ name: 'Trial', count: 2 }]);
  });

  it('deletes a tag from every contact that carries it', async () => {
    const ws = await freshWorkspace();
    const a = await contact(ws, { tags: ['old', 'keep'] });
    const b = await contact(ws, { tags: ['OLD'] });

    await deleteTag(ws, 'Old', actor);

    expect((await getContact(ws, a.id)).tags).toEqual(['keep']);
    expect((await getContact(ws, b.id)).tags).toEqual([]);
    expect(await listTags(ws)).toEqual([{ name: 'keep', count: 1 }]);
    expect((await failureOf(deleteTag(ws, 'old', actor))).code).toBe(
      'tag.not_found',
    );
  });

  it('lowers counts when a tagged contact is deleted', async () => {
    const ws = await freshWorkspace();
    const a = await contact(ws, { tags: ['vip'] });
    await contact(ws, { tags: ['vip'] });

    await deleteContact(ws, a.id, undefined, actor);

    expect(await listTags(ws)).toEqual([{ name: 'vip', count: 1 }]);
    expect(await countContacts(ws, { tags: { all: ['vip'] } })).toBe(1);
  });
});

describe('lifecycle stage and source', () => {
  it('records each transition and refuses a backwards move unless asked', async () => {
    const ws = await freshWorkspace();
    const ada = await contact(ws);

    const lead = await updateContact(
      ws,
      ada.id,
      { lifecycleStage: 'customer' },
      1,
      actor,
    );
    const refused = await failureOf(
      updateContact(ws, ada.id, { lifecycleStage: 'lead' }, 2, actor),
    );
    await updateContact(
      ws,
      ada.id,
      { lifecycleStage: 'lead', allowBackwards: true },
      2,
      actor,
    );

    expect(lead.lifecycleStage).toBe('customer');
    expect(refused.status).toBe(409);
    expect(refused.code).toBe('contact.lifecycle_backwards');
    expect(refused.details[0]?.path).toBe('lifecycleStage');
    const events = (await readTimeline(ws, ada.id, 50)).items
      .filter((event) => event.type === 'contact.lifecycle_changed')
      .reverse();
    expect(events.map((event) => event.data)).toEqual([
      {
        from: 'subscriber',
        to: 'customer',
        backwards: false,
        cause: 'api',
        version: 2,
      },
      {
        from: 'customer',
        to: 'lead',
        backwards: true,
        cause: 'api',
        version: 3,
      },
    ]);
    expect(events.every((event) => typeof event.at === 'string')).toBe(true);
  });

  it('keeps the first-touch source and moves only the latest', async () => {
    const ws = await freshWorkspace();
    const ada = await contact(ws, { source: 'import' });

    const touched = await updateContact(
      ws,
      ada.id,
      { source: 'webinar' },
      1,
      actor,
    );

    expect(touched.source).toBe('import');
    expect(touched.latestSource).toBe('webinar');
  });

  it('stores phones in E.164 and keeps what was typed', async () => {
    const ws = await freshWorkspace();

    const uk = await contact(ws, {
      phone: '020 7946 0958',
      phoneCountry: 'GB',
    });
    const intl = await contact(ws, { phone: '+1 (415) 555-2671' });
    const bad = await failureOf(contact(ws, { phone: '12345' }));

    expect(uk).toMatchObject({
      phone: '020 7946 0958',
      phoneE164: '+442079460958',
    });
    expect(intl.phoneE164).toBe('+14155552671');
    expect(bad.status).toBe(400);
    expect(bad.details[0]?.path).toBe('phone');
  });
});

describe('custom fields', () => {
  it('checks values against their definition and names the field', async () => {
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
    await createCustomField(
      ws,
      { key: 'seats', label: 'Seats', type: 'number' },
      actor,
    );

    const bad = await failureOf(
      contact(ws, { customFields: { plan: 'Gold', seats: 'many' } }),
    );
    const good = await contact(ws, {
      customFields: { plan: 'pro', seats: '12', note: 'free text' },
    });

    expect(bad.status).toBe(400);
    expect(bad.details.map((detail) => detail.path).sort()).toEqual([
      'customFields.plan',
      'customFields.seats',
    ]);
    expect(good.customFields).toEqual({
      plan: 'Pro',
      seats: 12,
      note: 'free text',
    });
  });

  it('refuses a type change that stored values cannot take, saying how many', async () => {
    const ws = await freshWorkspace();
    await createCustomField(
      ws,
      { key: 'size', label: 'Size', type: 'text' },
      actor,
    );
    for (const size of ['12', 'large', '40', 'huge', 'tiny']) {
      await contact(ws, { customFields: { size } });
    }

    const refused = await failureOf(
      updateCustomField(ws, 'size', { type: 'number' }, undefined, actor),
    );

    expect(refused.status).toBe(409);
    expect(refused.code).toBe('custom_field.values_not_convertible');
    expect(refused.meta).toEqual({ count: 3 });
    expect(refused.message).toMatch(/^3 stored values/);
  });

  it('converts stored values when the type change is possible', async () => {
    const ws = await freshWorkspace();
    await createCustomField(
      ws,
      { key: 'seats', label: 'Seats', type: 'text' },
      actor,
    );
    const a = await contact(ws, { customFields: { seats: '12' } });

    const field = await updateCustomField(
      ws,
      'seats',
      { type: 'number' },
      1,
      actor,
    );

    expect(field).toMatchObject({ type: 'number', version: 2 });
    expect((await getContact(ws, a.id)).customFields).toEqual({ seats: 12 });
    expect(
      await countContacts(ws, {
        fields: [{ key: 'seats', op: 'gte', value: 10 }],
      }),
    ).toBe(1);
  });

  it('removes every value of a deleted field', async () => {
    const ws = await freshWorkspace();
    await createCustomField(
      ws,
      { key: 'plan', label: 'Plan', type: 'text' },
      actor,
    );
    const a = await contact(ws, { customFields: { plan: 'pro', other: 'x' } });

    await deleteCustomField(ws, 'plan', actor);

    expect((await getContact(ws, a.id)).customFields).toEqual({ other: 'x' });
    expect(
      await countContacts(ws, { fields: [{ key: 'plan', op: 'exists' }] }),
    ).toBe(0);
  });
});

describe('segments', () => {
  let ws: string;
  const made: Record<string, Contact> = {};

  beforeAll(async () => {
    ws = await freshWorkspace();
    await createCustomField(
      ws,
      { key: 'seats', label: 'Seats', type: 'number' },
      actor,
    );
    await createCustomField(
      ws,
      { key: 'plan', label: 'Plan', type: 'text' },
      actor,
    );
    const people: [string, Partial<Parameters<typeof createContact>[1]>][] = [
      [
        'ada',
        {
          tags: ['webinar', 'ebook'],
          lifecycleStage: 'lead',
          source: 'webinar-page',
          customFields: { seats: 5, plan: 'pro' },
        },
      ],
      [
        'bob',
        {
          tags: ['webinar'],
          lifecycleStage: 'customer',
          source: 'import',
          customFields: { seats: 50 },
        },
      ],
      [
        'cy',
        {
          tags: ['ebook'],
          lifecycleStage: 'lead',
          source: 'webinar-page',
          customFields: { plan: 'free' },
        },
      ],
      [
        'di',
        {
          tags: ['ebook', 'churned'],
          lifecycleStage: 'customer',
          source: 'api',
        },
      ],
      ['ed', { lifecycleStage: 'subscriber', source: 'import' }],
    ];
    for (const [name, input] of people) {
      made[name] = await contact(ws, input);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });

  const names = (contacts: Contact[]) =>
    contacts.map(
      (c) => Object.entries(made).find(([, m]) => m.id === c.id)?.[0],
    );

  it.each<[string, ContactFilter, string[]]>([
    ['one tag', { tags: { all: ['webinar'] } }, ['ada', 'bob']],
    ['two tags, all of', { tags: { all: ['WEBINAR', 'ebook'] } }, ['ada']],
    ['any of', { tags: { any: ['webinar', 'churned'] } }, ['ada', 'bob', 'di']],
    ['none of', { tags: { all: ['ebook'], none: ['churned'] } }, ['ada', 'cy']],
    ['none of alone', { tags: { none: ['webinar', 'ebook'] } }, ['ed']],
    ['a tag no one carries', { tags: { all: ['ebook', 'nobody'] } }, []],
    ['lifecycle stage', { lifecycleStage: ['customer'] }, ['bob', 'di']],
    [
      'two stages',
      { lifecycleStage: ['lead', 'subscriber'] },
      ['ada', 'cy', 'ed'],
    ],
    ['source', { source: ['webinar-page'] }, ['ada', 'cy']],
    [
      'stage and source',
      { lifecycleStage: ['customer'], source: ['import'] },
      ['bob'],
    ],
    [
      'field equals',
      { fields: [{ key: 'plan', op: 'eq', value: 'PRO' }] },
      ['ada'],
    ],
    [
      'field in',
      { fields: [{ key: 'plan', op: 'in', value: ['pro', 'free'] }] },
      ['ada', 'cy'],
    ],
    [
      'field at least',
      { fields: [{ key: 'seats', op: 'gte', value: 10 }] },
      ['bob'],
    ],
    [
      'field at most',
      { fields: [{ key: 'seats', op: 'lte', value: 10 }] },
      ['ada'],
    ],
    [
      'field exists',
      { fields: [{ key: 'seats', op: 'exists' }] },
      ['ada', 'bob'],
    ],
    [
      'field missing',
      {
        tags: { all: ['ebook'] },
        fields: [{ key: 'seats', op: 'exists', value: false }],
      },
      ['cy', 'di'],
    ],
    ['no filter', {}, ['ada', 'bob', 'cy', 'di', 'ed']],
  ])('finds contacts by %s, and counts them', async (_, filter, expected) => {
    const page = await searchContacts(ws, { filter, limit: 100 });
    const count = await countContacts(ws, filter);

    expect(names(page.items)).toEqual(expected);
    expect(page.nextCursor).toBeNull();
    expect(count).toBe(expected.length);
  });

  it('finds contacts by creation and update time', async () => {
    const from = made.bob?.createdAt ?? '';
    const to = made.di?.createdAt ?? '';

    const created = await searchContacts(ws, {
      filter: { createdAt: { gte: from, lte: to } },
      limit: 100,
    });
    const tagged = await searchContacts(ws, {
      filter: { tags: { any: ['ebook'] }, createdAt: { gte: from } },
      limit: 100,
    });
    const updated = await searchContacts(ws, {
      filter: { updatedAt: { lte: made.ada?.updatedAt ?? '' } },
      limit: 100,
    });

    expect(names(created.items)).toEqual(['bob', 'cy', 'di']);
    expect(names(tagged.items)).toEqual(['cy', 'di']);
    expect(names(updated.items)).toEqual(['ada']);
  });

  it('runs a saved segment newest first', async () => {
    const segment = await createSegment(ws, {
      name: 'Leads from the webinar page',
      filter: { lifecycleStage: ['lead'], source: ['webinar-page'] },
      sort: { by: 'createdAt', order: 'desc' },
    });

    const page = await segmentContacts(ws, segment.id, 10);

    expect(names(page.items)).toEqual(['cy', 'ada']);
  });
});

describe('pagination with sparse matches', () => {
  let ws: string;
  let expected: string[];

  beforeAll(async () => {
    ws = await freshWorkspace();
    expected = [];
    // 120 contacts share a tag; one in about thirty also carries a rare one,
    // so most stretches of the common tag's postings hold no match.
    for (let i = 0; i < 120; i += 1) {
      const rare = [3, 40, 41, 77, 118].includes(i);
      const created = await contact(ws, {
        tags: rare ? ['common', 'rare'] : ['common'],
      });
      if (rare) expected.push(created.id);
    }
  });

  it.each([1, 2, 3, 10])(
    'walks every match once with pages of %i',
    async (limit) => {
      const sparse = { tags: { all: ['common'], any: ['rare'] } };

      const asc = await walk(ws, sparse, limit);
      const desc = await walk(ws, sparse, limit, 'desc');

      expect(asc.ids).toEqual(expected);
      expect(desc.ids).toEqual([...expected].reverse());
      expect(asc.pages.slice(0, -1).every((size) => size === limit)).toBe(true);
      expect(new Set(asc.ids).size).toBe(asc.ids.length);
    },
  );

  it('reads past stretches with no match to fill a page', async () => {
    const filter = { tags: { all: ['common'], any: ['rare'] } };

    const page = await searchContacts(ws, { filter, limit: 5 });
    const rest = page.nextCursor
      ? await searchContacts(ws, { filter, limit: 5, cursor: page.nextCursor })
      : { items: [], nextCursor: null };

    expect(idsOf(page.items)).toEqual(expected);
    expect(rest).toEqual({ items: [], nextCursor: null });
  });
});
