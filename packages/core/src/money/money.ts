import type { Money } from '@rapport/events';
import * as z from 'zod/mini';

/**
 * ISO 4217 currencies whose minor unit is not a hundredth. Every other
 * currency the runtime knows has two decimals.
 */
const minorUnitDigitsByCurrency: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

let knownCurrencies: Set<string> | undefined;

/** Whether a code names a currency of ISO 4217 that the runtime knows. */
export const isKnownCurrency = (code: string): boolean => {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));

  return knownCurrencies.has(code);
};

/** How many decimals a currency's minor unit stands for: JPY 0, EUR 2, BHD 3. */
export const minorUnitDigits = (currency: string): number =>
  minorUnitDigitsByCurrency[currency] ?? 2;

/** An amount in major units as exact decimal text: 1005 BHD is "1.005". */
export const formatMinorUnits = (money: Money): string => {
  const digits = minorUnitDigits(money.currency);
  const text = String(money.value).padStart(digits + 1, '0');

  return digits === 0
    ? text
    : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

/**
 * `amount × probability / 100`, rounded half to even, in integer minor
 * units. It is applied once to a stage's total per currency, never per deal,
 * so the weighted figure is the total's own weighting and never drifts from
 * it by accumulated per-deal rounding.
 */
export const weightedAmount = (amount: number, probability: number): number => {
  const product = BigInt(amount) * BigInt(probability);
  const quotient = product / 100n;
  const remainder = product % 100n;

  if (remainder > 50n) return Number(quotient + 1n);
  if (remainder < 50n) return Number(quotient);

  return Number(quotient % 2n === 0n ? quotient : quotient + 1n);
};

/** Largest amount in minor units: a safe integer with room to sum many. */
export const maxMinorUnits = 1e15;

/** An amount a client sends: integer minor units and an ISO 4217 code. */
export const moneyInputSchema = z.strictObject({
  value: z.int().check(z.minimum(0), z.maximum(maxMinorUnits)),
  currency: z.string().check(
    z.refine(isKnownCurrency, {
      error: 'Not an ISO 4217 currency code such as EUR',
    }),
  ),
});
