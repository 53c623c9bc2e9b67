import {
  createContact,
  getContact,
  type PurchaseCreate,
  readContactByEmail,
  readLifetimeValue,
  readTimeline,
  recordPurchase,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';
import { failureOf } from '../support/failure';

const actor = { type: 'api_key' } as const;
let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

const order = (
  buyer: { email: string } | { contactId: string },
  overrides: Partial<PurchaseCreate> = {},
): PurchaseCreate => ({
  orderId: `order-${Math.random().toString(36).slice(2)}`,
  ...buyer,
  items: [
    { name: 'Seat', quantity: 3, unitAmount: { value: 4900, currency: 'EUR' } },
  ],
  amount: { value: 14700, currency: 'EUR' },
  occurredAt: '2026-11-30T12:00:00Z',
  ...overrides,
});

describe('purchases on DynamoDB Local', () => {
  it('records ten concurrent posts of one order by a new buyer once', async () => {
    const email = uniqueEmail('buyer');
    const input = order({ email });

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        recordPurchase(workspaceId, input, actor),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.purchase.id)).size).toBe(
      1,
    );
    const contact = await readContactByEmail(workspaceId, email);
    expect(contact).toMatchObject({
      lifecycleStage: 'customer',
      source: 'purchase',
    });
    expect(await readLifetimeValue(workspaceId, String(contact?.id))).toEqual([
      { currency: 'EUR', value: 14700, orders: 1 },
    ]);
    const timeline = await readTimeline(workspaceId, String(contact?.id), 10);
    expect(timeline.items.map((entry) => entry.type).sort()).toEqual([
      'contact.created',
      'purchase.completed',
    ]);
  });

  it('records concurrent duplicates by a known buyer once', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('known'), lifecycleStage: 'lead' },
      actor,
    );
    const input = order({ contactId: contact.id });

    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        recordPurchase(workspaceId, input, actor),
      ),
    );

    expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
    expect(await readLifetimeValue(workspaceId, contact.id)).toEqual([
      { currency: 'EUR', value: 14700, orders: 1 },
    ]);
    const stored = await getContact(workspaceId, contact.id);
    expect(stored).toMatchObject({ lifecycleStage: 'customer', version: 2 });
  });

  it('sums lifetime value per currency without converting', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('ltv') },
      actor,
    );

    await recordPurchase(workspaceId, order({ contactId: contact.id }), actor);
    await recordPurchase(workspaceId, order({ contactId: contact.id }), actor);
    await recordPurchase(
      workspaceId,
      order(
        { contactId: contact.id },
        {
          items: [
            {
              name: 'Kit',
              quantity: 1,
              unitAmount: { value: 2500, currency: 'USD' },
            },
          ],
          amount: { value: 2500, currency: 'USD' },
        },
      ),
      actor,
    );

    const amounts = await readLifetimeValue(workspaceId, contact.id);
    expect(
      amounts.sort((a, b) => a.currency.localeCompare(b.currency)),
    ).toEqual([
      { currency: 'EUR', value: 29400, orders: 2 },
      { currency: 'USD', value: 2500, orders: 1 },
    ]);
  });

  it('never moves a contact back from a later stage', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('fan'), lifecycleStage: 'evangelist' },
      actor,
    );

    await recordPurchase(workspaceId, order({ contactId: contact.id }), actor);

    const stored = await getContact(workspaceId, contact.id);
    expect(stored).toMatchObject({ lifecycleStage: 'evangelist', version: 1 });
  });

  it('refuses a repeat of an order id with a different amount', async () => {
    const email = uniqueEmail('changed');
    const input = order({ email });
    await recordPurchase(workspaceId, input, actor);

    const error = await failureOf(
      recordPurchase(
        workspaceId,
        { ...input, amount: { value: 1, currency: 'EUR' } },
        actor,
      ),
    );

    expect(error.status).toBe(409);
    expect(error.code).toBe('purchase.order_conflict');
  });

  it('refuses items in another currency than the order', async () => {
    const error = await failureOf(
      recordPurchase(
        workspaceId,
        order(
          { email: uniqueEmail('fx') },
          { amount: { value: 14700, currency: 'USD' } },
        ),
        actor,
      ),
    );

    expect(error.status).toBe(400);
    expect(error.details).toEqual([
      {
        path: 'items[0].unitAmount.currency',
        message: "Must be the order's currency, USD",
      },
    ]);
  });
});
