import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, Contact } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { laterStage } from '../contact/contact.schema';
import {
  applyPatch,
  createSteps,
  isContactRace,
  newContact,
  updateSteps,
} from '../contact/contact.service';
import { readContact, readContactByEmail } from '../contact/contact.store';
import { DomainError } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import { newId } from '../ids';
import { applyScore } from '../scoring/scoring.service';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import {
  retryOnConflict,
  type TransactionStep,
  transact,
} from '../table/transact';
import {
  checkPurchase,
  type Money,
  type Purchase,
  type PurchaseCreate,
  purchaseSchema,
} from './purchase.schema';

/** What recording an order did: `created` is false for a repeat. */
export interface PurchaseOutcome {
  purchase: Purchase;
  created: boolean;
}

/** A contact's revenue in one currency, over the whole relationship. */
export interface LifetimeValue {
  currency: string;
  value: number;
  orders: number;
}

class RepeatedOrder extends Error {
  constructor(readonly existing: Purchase) {
    super('order already recorded');
  }
}

const purchaseFromItem = (item: Record<string, unknown>): Purchase =>
  fromItem(purchaseSchema, item);

const readPurchase = async (
  workspaceId: string,
  orderId: string,
): Promise<Purchase | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.purchase(workspaceId, orderId),
      ConsistentRead: true,
    }),
  );

  return Item ? purchaseFromItem(Item) : undefined;
};

/**
 * A repeat of an order must be the same order: one that differs in what
 * was bought, for how much or when is refused rather than dropped.
 */
const sameOrder = (existing: Purchase, input: PurchaseCreate): Purchase => {
  const asked = {
    items: input.items,
    amount: input.amount,
    occurredAt: new Date(input.occurredAt).toISOString(),
  };
  const stored = {
    items: existing.items,
    amount: existing.amount,
    occurredAt: existing.occurredAt,
  };
  if (JSON.stringify(asked) !== JSON.stringify(stored)) {
    throw new DomainError(
      409,
      'purchase.order_conflict',
      'This order id was recorded with other items, amount or time.',
      [{ path: 'orderId', message: 'Already used by a different order' }],
      { purchaseId: existing.id },
    );
  }

  return existing;
};

/** Adds an order to the buyer's revenue in its currency. */
const addRevenue = (
  workspaceId: string,
  contactId: string,
  amount: Money,
  at: string,
): TransactionStep => ({
  write: {
    Update: {
      TableName: '',
      Key: keys.revenue(workspaceId, contactId, amount.currency),
      UpdateExpression:
        'SET entity = :entity, workspaceId = :ws, contactId = :contactId, currency = :currency, updatedAt = :at ADD #value :value, orders :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: {
        ':entity': 'Revenue',
        ':ws': workspaceId,
        ':contactId': contactId,
        ':currency': amount.currency,
        ':at': at,
        ':value': amount.value,
        ':one': 1,
      },
    },
  },
});

const buyerOf = async (
  workspaceId: string,
  input: PurchaseCreate,
): Promise<Contact | undefined> => {
  if (input.contactId === undefined) {
    return readContactByEmail(workspaceId, String(input.email));
  }
  const contact = await readContact(workspaceId, input.contactId);
  if (!contact) {
    throw new DomainError(
      404,
      'contact.not_found',
      `No contact has the id ${input.contactId}.`,
      [{ path: 'contactId', message: 'No contact has this id' }],
    );
  }

  return contact;
};

/** The steps that make the buyer a customer, or create them as one. */
const buyerSteps = async (
  workspaceId: string,
  buyer: Contact | undefined,
  email: string,
  now: Date,
  actor: Actor,
): Promise<{ contactId: string; steps: TransactionStep[] }> => {
  if (!buyer) {
    const contact = newContact(
      { email, lifecycleStage: 'customer', source: 'purchase' },
      now,
    );

    return {
      contactId: contact.id,
      steps: createSteps(
        workspaceId,
        contact,
        actor,
        await applyScore(workspaceId, contact),
      ),
    };
  }

  const stage = laterStage(buyer.lifecycleStage, 'customer');
  const { next, changes } = applyPatch(buyer, { lifecycleStage: stage });
  if (Object.keys(changes).length === 0) {
    return { contactId: buyer.id, steps: [] };
  }
  next.version = buyer.version + 1;
  next.updatedAt = now.toISOString();

  return {
    contactId: buyer.id,
    steps: updateSteps(
      workspaceId,
      buyer,
      next,
      changes,
      actor,
      await applyScore(workspaceId, next),
    ),
  };
};

const attempt = async (
  workspaceId: string,
  input: PurchaseCreate,
  actor: Actor,
): Promise<PurchaseOutcome> => {
  const earlier = await readPurchase(workspaceId, input.orderId);
  if (earlier) return { purchase: sameOrder(earlier, input), created: false };

  const now = new Date();
  const buyer = await buyerOf(workspaceId, input);
  const { contactId, steps } = await buyerSteps(
    workspaceId,
    buyer,
    String(input.email),
    now,
    actor,
  );
  const purchase: Purchase = {
    id: newId('pur', now.getTime()),
    orderId: input.orderId,
    contactId,
    items: input.items,
    amount: input.amount,
    occurredAt: new Date(input.occurredAt).toISOString(),
    createdAt: now.toISOString(),
  };

  await transact([
    // First, so that when a concurrent duplicate wins, this is the reason.
    {
      write: {
        Put: {
          TableName: '',
          Item: {
            ...keys.purchase(workspaceId, purchase.orderId),
            entity: 'Purchase',
            workspaceId,
            ...purchase,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      onConditionFailed: (existing) =>
        new RepeatedOrder(purchaseFromItem(existing ?? {})),
    },
    ...steps,
    addRevenue(workspaceId, contactId, purchase.amount, purchase.createdAt),
    appendEvent(
      buildEvent({
        type: 'purchase.completed',
        workspaceId,
        contactId,
        actor,
        at: new Date(purchase.occurredAt),
        data: { purchase, contactCreated: !buyer },
      }),
    ),
  ]);

  return { purchase, created: true };
};

/**
 * Records an order once, however often it is posted: the order id is the
 * key of a conditional write in the same transaction that makes the buyer
 * a customer (creating them by email if need be), adds the amount to their
 * lifetime value and appends `purchase.completed`. A repeat answers the
 * order first recorded.
 */
export const recordPurchase = async (
  workspaceId: string,
  input: PurchaseCreate,
  actor: Actor,
): Promise<PurchaseOutcome> => {
  checkPurchase(input, new Date());

  // A concurrent write to the same buyer or address: read and retry.
  try {
    return await retryOnConflict(() => attempt(workspaceId, input, actor), {
      attempts: 5,
      isRace: isContactRace,
    });
  } catch (error) {
    if (error instanceof RepeatedOrder) {
      return { purchase: sameOrder(error.existing, input), created: false };
    }
    throw error;
  }
};

/** A contact's revenue per currency; nothing is converted. */
export const readLifetimeValue = async (
  workspaceId: string,
  contactId: string,
): Promise<LifetimeValue[]> => {
  const { pk } = keys.revenue(workspaceId, contactId, '');
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.revenuePrefix },
    }),
  );

  return Items.map((item) => ({
    currency: String(item.currency),
    value: Number(item.value),
    orders: Number(item.orders),
  }));
};
