import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const makeForm = async (name: string, tags: string[]) => {
  const form = await stack.api('/v1/forms', {
    body: { name, tags, source: name.toLowerCase().replace(/ /g, '-') },
  });
  expect(form.status).toBe(201);

  return form.body.id as string;
};

/** A visitor posts the public form, as a landing page's script would. */
const submit = async (formId: string, email: string) => {
  const response = await fetch(
    `${stack.apiUrl}/v1/forms/${formId}/submissions`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        email,
        first_name: email.split('.')[0] ?? '',
      }),
    },
  );
  expect(response.status).toBe(201);
};

/** Every contact a search answers, page by page. */
const searchAll = async (filter: unknown) => {
  const emails: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.api('/v1/contacts/search', {
      body: { filter, limit: 2, ...(cursor ? { cursor } : {}) },
    });
    expect(page.status).toBe(200);
    emails.push(
      ...page.body.items.map((item: { email: string }) => item.email),
    );
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);

  return emails.sort();
};

describe('contacts captured through two forms', () => {
  it('segment by tag combination into exactly the expected sets', async () => {
    const ebook = await makeForm('Ebook download', ['ebook', 'Lead Magnet']);
    const webinar = await makeForm('Webinar signup', [
      'webinar',
      'lead magnet',
    ]);
    const onlyEbook = [
      uniqueEmail('ana'),
      uniqueEmail('ben'),
      uniqueEmail('cat'),
    ];
    const onlyWebinar = [uniqueEmail('dan'), uniqueEmail('eve')];
    const both = [uniqueEmail('fay'), uniqueEmail('gus')];
    for (const email of [...onlyEbook, ...both]) await submit(ebook, email);
    for (const email of [...onlyWebinar, ...both]) await submit(webinar, email);

    const everyone = await searchAll({ tags: { all: ['LEAD MAGNET'] } });
    const ebookAndWebinar = await searchAll({
      tags: { all: ['ebook', 'webinar'] },
    });
    const ebookNotWebinar = await searchAll({
      tags: { all: ['ebook'], none: ['webinar'] },
    });
    const either = await searchAll({ tags: { any: ['ebook', 'webinar'] } });
    const tags = await stack.api('/v1/tags');
    const count = await stack.api('/v1/contacts/count', {
      body: { filter: { tags: { all: ['ebook', 'webinar'] } } },
    });

    expect(everyone).toEqual([...onlyEbook, ...onlyWebinar, ...both].sort());
    expect(ebookAndWebinar).toEqual([...both].sort());
    expect(ebookNotWebinar).toEqual([...onlyEbook].sort());
    expect(either).toEqual(everyone);
    expect(tags.body).toEqual({
      items: [
        { name: 'Lead Magnet', count: 7 },
        { name: 'ebook', count: 5 },
        { name: 'webinar', count: 4 },
      ],
    });
    expect(count.body).toEqual({ count: 2 });
  });

  it('saves a segment by name and runs it', async () => {
    const form = await makeForm('Pricing page', ['pricing']);
    const emails = [uniqueEmail('hal'), uniqueEmail('ivy'), uniqueEmail('jo')];
    for (const email of emails) await submit(form, email);

    const saved = await stack.api('/v1/segments', {
      body: {
        name: 'Pricing leads',
        filter: { tags: { all: ['Pricing'] }, lifecycleStage: ['lead'] },
      },
    });
    const listed = await stack.api('/v1/segments');
    const read = await stack.api(`/v1/segments/${saved.body.id}`);
    const run = await stack.api(
      `/v1/segments/${saved.body.id}/contacts?limit=10`,
    );

    expect(saved.status).toBe(201);
    expect(listed.body.items.map((s: { name: string }) => s.name)).toContain(
      'Pricing leads',
    );
    expect(read.body).toMatchObject({ name: 'Pricing leads', count: 3 });
    expect(
      run.body.items.map((c: { email: string }) => c.email).sort(),
    ).toEqual(emails.sort());
    expect(run.body.nextCursor).toBeNull();
  });

  it('answers bad filters and field values with a 4xx naming the field', async () => {
    await stack.api('/v1/custom-fields', {
      body: {
        key: 'plan',
        label: 'Plan',
        type: 'single_select',
        options: ['Free', 'Pro'],
      },
    });

    const search = await stack.api('/v1/contacts/search', {
      body: { filter: { lifecycleStage: ['boss'] } },
    });
    const created = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail(), customFields: { plan: 'Gold' } },
    });

    expect(search.status).toBe(400);
    expect(search.body.error.details[0].path).toBe('filter.lifecycleStage[0]');
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([
      {
        path: 'customFields.plan',
        message: 'Not one of the options: Free, Pro',
      },
    ]);
  });
});
