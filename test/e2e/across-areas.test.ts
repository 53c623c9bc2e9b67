import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

// Areas built side by side must keep each other's records right: the
// indexes, counters and timelines of one follow changes made by another.
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('areas working together on the local stack', () => {
  it('finds a buyer created by a purchase among customers, with its revenue', async () => {
    const email = uniqueEmail('buyer');

    const purchase = await stack.api('/v1/purchases', {
      body: {
        orderId: `order-${email}`,
        email,
        items: [
          {
            name: 'Course',
            quantity: 2,
            unitAmount: { value: 4950, currency: 'EUR' },
          },
        ],
        amount: { value: 9900, currency: 'EUR' },
        occurredAt: new Date().toISOString(),
      },
    });
    const found = await stack.api('/v1/contacts/search', {
      body: {
        filter: { lifecycleStage: ['customer'], source: ['purchase'] },
        limit: 100,
      },
    });

    expect(purchase.status).toBe(201);
    expect(
      found.body.items.map((contact: { email: string }) => contact.email),
    ).toContain(email);
    const contactId = found.body.items.find(
      (contact: { email: string }) => contact.email === email,
    ).id;
    const value = await stack.api(`/v1/contacts/${contactId}/lifetime-value`);
    expect(JSON.stringify(value.body)).toContain('9900');
  });

  it('drops a deleted contact from tag counts while its deal stays open', async () => {
    const tag = `gone-${Date.now()}`;
    const contact = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('leaving'), tags: [tag] },
    });
    const deal = await stack.api('/v1/deals', {
      body: {
        title: 'Renewal',
        amount: { value: 120_000, currency: 'EUR' },
        primaryContactId: contact.body.id,
      },
    });
    const before = await stack.api('/v1/tags');

    const deleted = await stack.api(
      `/v1/contacts/${contact.body.id}?openDeals=detach`,
      { method: 'DELETE' },
    );

    expect(deal.status).toBe(201);
    expect(before.body.items).toContainEqual({ name: tag, count: 1 });
    expect(deleted.status).toBe(204);
    const after = await stack.api('/v1/tags');
    expect(
      after.body.items.find((item: { name: string }) => item.name === tag)
        ?.count ?? 0,
    ).toBe(0);
    const kept = await stack.api(`/v1/deals/${deal.body.id}`);
    expect(kept.body.status).toBe('open');
    expect(kept.body.primaryContactId).toBeNull();
  });

  it('shows a call logged on a deal on the deal and its contact, filtered by type', async () => {
    const contact = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('caller') },
    });
    const deal = await stack.api('/v1/deals', {
      body: {
        title: 'Pilot',
        amount: { value: 5000, currency: 'USD' },
        primaryContactId: contact.body.id,
      },
    });

    const call = await stack.api('/v1/activities', {
      body: {
        type: 'call',
        occurredAt: new Date().toISOString(),
        contactIds: [contact.body.id],
        dealId: deal.body.id,
        durationMinutes: 15,
        outcome: 'connected',
        body: 'Discussed the pilot',
      },
    });

    expect(call.status).toBe(201);
    for (const path of [
      `/v1/contacts/${contact.body.id}`,
      `/v1/deals/${deal.body.id}`,
    ]) {
      const timeline = await stack.api(`${path}/timeline?type=activity.logged`);
      expect(timeline.body.items).toHaveLength(1);
      expect(timeline.body.items[0].data.activity.type).toBe('call');
    }
  });
});
