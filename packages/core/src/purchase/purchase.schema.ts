import * as z from 'zod/mini';
import { recordId } from '../activity/activity.schema';
import { emailSchema, text } from '../contact/contact.schema';
import { DomainError, type ErrorDetail } from '../errors';
import { maxMinorUnits, moneyInputSchema } from '../money/money';

export {
  type Money,
  moneySchema,
  type Purchase,
  purchaseSchema,
} from '@rapport/events';

/** Limits a client can rely on; docs/api.md repeats them. */
export const purchaseLimits = {
  orderIdLength: 200,
  items: 100,
  itemNameLength: 200,
  /** Largest amount in minor units: a safe integer with room to sum. */
  maxValue: maxMinorUnits,
  futureSkewMs: 5 * 60_000,
} as const;

/** `POST /v1/purchases`: the buyer by `email` or by `contactId`. */
export const purchaseCreateSchema = z.strictObject({
  orderId: text(purchaseLimits.orderIdLength),
  email: z.optional(emailSchema),
  contactId: z.optional(recordId),
  items: z
    .array(
      z.strictObject({
        name: text(purchaseLimits.itemNameLength),
        quantity: z.int().check(z.minimum(1), z.maximum(1_000_000)),
        unitAmount: moneyInputSchema,
      }),
    )
    .check(z.minLength(1), z.maxLength(purchaseLimits.items)),
  amount: moneyInputSchema,
  occurredAt: z.iso.datetime({ offset: true }),
});

export type PurchaseCreate = z.infer<typeof purchaseCreateSchema>;

/**
 * Rules across fields: exactly one way to name the buyer, one currency for
 * the order and its items, and no purchase dated in the future. The amount
 * need not equal the items' sum: discounts, shipping and tax differ.
 */
export const checkPurchase = (input: PurchaseCreate, now: Date): void => {
  const details: ErrorDetail[] = [];

  if ((input.email === undefined) === (input.contactId === undefined)) {
    details.push({ path: 'email', message: 'Give either email or contactId' });
  }
  input.items.forEach((item, index) => {
    if (item.unitAmount.currency !== input.amount.currency) {
      details.push({
        path: `items[${index}].unitAmount.currency`,
        message: `Must be the order's currency, ${input.amount.currency}`,
      });
    }
  });
  if (
    new Date(input.occurredAt).getTime() >
    now.getTime() + purchaseLimits.futureSkewMs
  ) {
    details.push({ path: 'occurredAt', message: 'Must not be in the future' });
  }
  if (details.length > 0) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      details,
    );
  }
};
