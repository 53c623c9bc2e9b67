import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

/** The parts of a timeline entry these tests read. */
type Entry = {
  type: string;
  data: {
    activity?: { type: string };
    purchase?: { orderId: string };
    pageView?: { url: string; utm: Record<string, string> };
  };
};

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('touchpoints on the local stack', () => {
  it('reads a call, a note and a purchase back in order on the timeline', async () => {
    const email = uniqueEmail('timeline');
    const contact = await stack.api('/v1/contacts', {
      body: { email, lifecycleStage: 'lead' },
    });
    const contactId = contact.body.id;

    const call = await stack.api('/v1/activities', {
      body: {
        type: 'call',
        occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
        contactIds: [contactId],
        ownerId: 'rep_lin',
        durationMinutes: 12,
        outcome: 'connected',
        body: 'Asked for pricing.',
      },
    });
    const note = await stack.api('/v1/activities', {
      body: {
        type: 'note',
        occurredAt: new Date().toISOString(),
        contactIds: [contactId],
        body: 'Sent the pricing page.',
      },
    });
    const purchase = await stack.api('/v1/purchases', {
      body: {
        orderId: `shop-${contactId}`,
        email: email.toUpperCase(),
        items: [
          {
            name: 'Pro plan',
            quantity: 1,
            unitAmount: { value: 4900, currency: 'EUR' },
          },
        ],
        amount: { value: 4900, currency: 'EUR' },
        occurredAt: new Date().toISOString(),
      },
    });
    const timeline = await stack.api(
      `/v1/contacts/${contactId}/timeline?type=activity.logged,purchase.completed`,
    );

    expect([call.status, note.status, purchase.status]).toEqual([
      201, 201, 201,
    ]);
    expect(purchase.body.contactId).toBe(contactId);
    expect(timeline.status).toBe(200);
    expect(timeline.body.nextCursor).toBeNull();
    expect(
      (timeline.body.items as Entry[]).map((entry) => [
        entry.type,
        entry.data.activity?.type ?? entry.data.purchase?.orderId,
      ]),
    ).toEqual([
      ['purchase.completed', `shop-${contactId}`],
      ['activity.logged', 'note'],
      ['activity.logged', 'call'],
    ]);
    expect(timeline.body.items[2].at).toBe(call.body.occurredAt);
  });

  it('answers a repeated order with the first purchase and counts it once', async () => {
    const email = uniqueEmail('repeat');
    const order = {
      orderId: `shop-${email}`,
      email,
      items: [
        {
          name: 'Mug',
          quantity: 2,
          unitAmount: { value: 1200, currency: 'USD' },
        },
      ],
      amount: { value: 2400, currency: 'USD' },
      occurredAt: '2026-11-20T10:00:00Z',
    };

    const first = await stack.api('/v1/purchases', { body: order });
    const again = await stack.api('/v1/purchases', { body: order });
    const contact = await stack.api(`/v1/contacts/${first.body.contactId}`);
    const value = await stack.api(
      `/v1/contacts/${first.body.contactId}/lifetime-value`,
    );

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(contact.body).toMatchObject({
      email,
      lifecycleStage: 'customer',
      source: 'purchase',
    });
    expect(value.body).toEqual({
      contactId: first.body.contactId,
      amounts: [{ currency: 'USD', value: 2400, orders: 1 }],
    });
  });

  it('refuses a timeline filter naming an unknown event type', async () => {
    const contact = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('filter') },
    });

    const response = await stack.api(
      `/v1/contacts/${contact.body.id}/timeline?type=activity.logged,call`,
    );

    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'request.validation_failed',
      message: 'The request has invalid fields.',
      details: [{ path: 'query.type', message: 'Unknown event type call' }],
    });
  });

  it('answers 404 for the timeline of a deal that does not exist', async () => {
    const response = await stack.api('/v1/deals/deal_nowhere/timeline');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('deal.not_found');
  });

  it("ties a visitor's earlier views to the contact their form submit makes, then tracks them by the signed id", async () => {
    const form = await stack.api('/v1/forms', {
      body: {
        name: 'Trial',
        redirectUrl: 'https://landing.example/thanks?plan=pro',
      },
    });
    const pixel = await fetch(
      `${stack.apiUrl}/v1/track/pixel.gif?w=${stack.workspaceId}&u=${encodeURIComponent('https://landing.example/pricing?utm_source=ads')}`,
    );
    const visitorId = /rapport_vid=([^;]+)/.exec(
      pixel.headers.get('set-cookie') ?? '',
    )?.[1];
    const email = uniqueEmail('visitor');

    const submit = await fetch(
      `${stack.apiUrl}/v1/forms/${form.body.id}/submissions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, _vid: String(visitorId) }),
        redirect: 'manual',
      },
    );
    const redirect = new URL(String(submit.headers.get('location')));
    const next = await stack.api('/v1/track/pageview', {
      body: {
        w: stack.workspaceId,
        url: redirect.toString(),
        rid: redirect.searchParams.get('rid'),
      },
      headers: { authorization: '' },
    });
    const contact = await stack.api(
      `/v1/contacts?email=${encodeURIComponent(email)}`,
    );
    const timeline = await stack.api(
      `/v1/contacts/${contact.body.items[0].id}/timeline?type=page.viewed`,
    );

    expect(pixel.status).toBe(200);
    expect(pixel.headers.get('content-type')).toBe('image/gif');
    expect((await pixel.arrayBuffer()).byteLength).toBe(42);
    expect(submit.status).toBe(303);
    expect(redirect.origin + redirect.pathname).toBe(
      'https://landing.example/thanks',
    );
    expect(redirect.searchParams.get('plan')).toBe('pro');
    expect(next.status).toBe(202);
    expect(
      (timeline.body.items as Entry[]).map((entry) => [
        entry.data.pageView?.url,
        entry.data.pageView?.utm,
      ]),
    ).toEqual([
      ['https://landing.example/thanks', {}],
      ['https://landing.example/pricing', { utm_source: 'ads' }],
    ]);
  });
});
