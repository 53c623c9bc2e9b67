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

describe('lead scores on the local stack', () => {
  it('refuses rules with bad fields, naming each path', async () => {
    const bad = await stack.api('/v1/scoring', {
      method: 'PUT',
      body: {
        rules: [
          { id: 'a', kind: 'tag', tag: 'vip', points: 0 },
          {
            id: 'b',
            kind: 'activity',
            activityType: 'fax',
            withinDays: 30,
            points: 5,
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map(
      (detail: { path: string }) => detail.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['rules[0].points']));
    expect(paths.some((path: string) => path.startsWith('rules[1]'))).toBe(
      true,
    );
    const rules = await stack.api('/v1/scoring');
    expect(rules.body).toMatchObject({ rules: [], version: 0 });
  });

  it('scores a contact captured by a form and called twice, and finds it by score range', async () => {
    const defined = await stack.api('/v1/scoring', {
      method: 'PUT',
      body: {
        rules: [
          { id: 'demo', kind: 'tag', tag: 'Demo Request', points: 15 },
          {
            id: 'calls',
            kind: 'activity',
            activityType: 'call',
            withinDays: 30,
            points: 10,
            cap: 50,
          },
        ],
      },
    });
    expect(defined.status).toBe(200);
    expect(defined.body.version).toBe(1);

    const form = await stack.api('/v1/forms', {
      body: { name: 'Demo', tags: ['demo request'], source: 'demo-page' },
    });
    expect(form.status).toBe(201);
    const email = uniqueEmail('scored');
    const submitted = await fetch(
      `${stack.apiUrl}/v1/forms/${form.body.id}/submissions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email }),
      },
    );
    expect(submitted.status).toBe(201);

    const found = await stack.api('/v1/contacts/search', {
      body: { filter: { tags: { all: ['demo request'] } } },
    });
    const contact = found.body.items.find(
      (item: { email: string }) => item.email === email,
    );
    expect(contact.score).toBe(15);

    for (const hoursAgo of [1, 30]) {
      const call = await stack.api('/v1/activities', {
        body: {
          type: 'call',
          occurredAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
          contactIds: [contact.id],
        },
      });
      expect(call.status).toBe(201);
    }

    const read = await stack.api(`/v1/contacts/${contact.id}`);
    expect(read.body.score).toBe(35);

    const inRange = await stack.api('/v1/contacts/search', {
      body: {
        filter: { score: { gte: 30, lte: 40 } },
        sort: { by: 'score', order: 'desc' },
      },
    });
    expect(inRange.status).toBe(200);
    expect(inRange.body.items.map((item: { id: string }) => item.id)).toContain(
      contact.id,
    );
    const above = await stack.api('/v1/contacts/count', {
      body: { filter: { score: { gte: 36 } } },
    });
    expect(above.body.count).toBe(0);

    const timeline = await stack.api(`/v1/contacts/${contact.id}/timeline`);
    const moves = timeline.body.items
      .filter(
        (event: { type: string }) => event.type === 'contact.score_changed',
      )
      .map((event: { data: { to: number } }) => event.data.to)
      .sort((a: number, b: number) => a - b);
    expect(moves).toEqual([15, 25, 35]);
  });
});
