import {
  formatMinorUnits,
  minorUnitDigits,
  weightedAmount,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';

describe('weighted amounts', () => {
  it.each([
    [10_000, 50, 5_000],
    [5, 50, 2], // 2.5 rounds to the even 2
    [15, 50, 8], // 7.5 rounds to the even 8
    [1_005, 50, 502], // 502.5 fils
    [1_005, 25, 251], // 251.25
    [1_003, 75, 752], // 752.25
    [1_001, 75, 751], // 750.75
    [999, 0, 0],
    [999, 100, 999],
    [Number.MAX_SAFE_INTEGER, 100, Number.MAX_SAFE_INTEGER],
  ])('weighs %i at %i %% as %i', (amount, probability, expected) => {
    expect(weightedAmount(amount, probability)).toBe(expected);
  });
});

describe('minor units', () => {
  it.each([
    [{ value: 15_480, currency: 'EUR' }, 2, '154.80'],
    [{ value: 1_000, currency: 'JPY' }, 0, '1000'],
    [{ value: 1_005, currency: 'BHD' }, 3, '1.005'],
    [{ value: 7, currency: 'KWD' }, 3, '0.007'],
    [{ value: 5, currency: 'USD' }, 2, '0.05'],
  ])('reads %o with %i decimals as %s', (money, digits, text) => {
    expect(minorUnitDigits(money.currency)).toBe(digits);
    expect(formatMinorUnits(money)).toBe(text);
  });
});
