import { type CustomField, convertValue, fieldMatches } from '@rapport/core';
import { describe, expect, it } from 'vitest';

const field = (
  type: CustomField['type'],
  options: string[] = [],
): CustomField => ({
  key: 'f',
  label: 'F',
  type,
  options,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
});

describe('converting a value to a field type', () => {
  it.each<[CustomField['type'], unknown, unknown]>([
    ['text', 42, '42'],
    ['number', '12.5', 12.5],
    ['number', 'many', undefined],
    ['number', '', undefined],
    ['boolean', 'Yes', true],
    ['boolean', 'off', false],
    ['boolean', 'maybe', undefined],
    ['date', '2026-02-28', '2026-02-28'],
    ['date', '2026-02-30', undefined],
    ['datetime', '2026-12-01T10:00:00+02:00', '2026-12-01T08:00:00.000Z'],
    ['datetime', '2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['datetime', 'tomorrow', undefined],
    ['url', 'https://example.com/a', 'https://example.com/a'],
    ['url', 'ftp://example.com', undefined],
    ['email', ' Ada@Example.com ', 'Ada@Example.com'],
    ['email', 'not-an-email', undefined],
    ['phone', '+44 20 7946 0958', '+442079460958'],
    ['phone', '020 7946 0958', undefined],
    ['text', ['one', 'two'], undefined],
  ])('converts %s from %j to %j', (type, value, expected) => {
    const result = convertValue(field(type), value as never);

    expect(result.ok ? result.value : undefined).toEqual(expected);
  });

  it.each<[CustomField['type'], unknown, unknown]>([
    ['single_select', 'pro', 'Pro'],
    ['single_select', 'Gold', undefined],
    ['multi_select', ['pro', 'FREE', 'Pro'], ['Pro', 'Free']],
    ['multi_select', 'free', ['Free']],
    ['multi_select', ['pro', 'gold'], undefined],
  ])('matches %s options: %j to %j', (type, value, expected) => {
    const result = convertValue(field(type, ['Free', 'Pro']), value as never);

    expect(result.ok ? result.value : undefined).toEqual(expected);
  });
});

describe('matching a stored value against a condition', () => {
  it.each<[string, unknown, Parameters<typeof fieldMatches>[1], boolean]>([
    ['eq ignores case', 'Pro', { key: 'f', op: 'eq', value: 'pro' }, true],
    [
      'eq on a list',
      ['Free', 'Pro'],
      { key: 'f', op: 'eq', value: 'Pro' },
      true,
    ],
    ['in', 'Team', { key: 'f', op: 'in', value: ['Pro', 'Team'] }, true],
    [
      'in misses',
      'Free',
      { key: 'f', op: 'in', value: ['Pro', 'Team'] },
      false,
    ],
    ['gte numbers', 10, { key: 'f', op: 'gte', value: 9 }, true],
    ['lte numbers', 10, { key: 'f', op: 'lte', value: 9 }, false],
    [
      'gte dates',
      '2026-03-01',
      { key: 'f', op: 'gte', value: '2026-02-01' },
      true,
    ],
    ['gte across types', '10', { key: 'f', op: 'gte', value: 9 }, false],
    ['exists', 0, { key: 'f', op: 'exists' }, true],
    [
      'exists false on missing',
      undefined,
      { key: 'f', op: 'exists', value: false },
      true,
    ],
    ['eq on missing', undefined, { key: 'f', op: 'eq', value: 'x' }, false],
  ])('%s', (_, value, condition, expected) => {
    expect(fieldMatches(value as never, condition)).toBe(expected);
  });
});
