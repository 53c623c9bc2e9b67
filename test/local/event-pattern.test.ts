import type { EventPattern } from '@rapport/blueprint';
import {
  assertValidPattern,
  matchesPattern,
} from '@rapport/local/bus/event-pattern';
import { describe, expect, it } from 'vitest';

const submitted = {
  source: 'rapport',
  'detail-type': 'form.submitted',
  detail: {
    data: { sequenceId: 'seq_1', email: 'Ada@Example.com', score: 42 },
    tags: ['vip', 'newsletter'],
    sourceIp: '10.0.3.7',
    optIn: true,
    referrer: null,
    items: [
      { sku: 'A-1', quantity: 2 },
      { sku: 'B-2', quantity: 0 },
    ],
  },
};

const matches: [string, EventPattern, unknown][] = [
  ['matches an exact string', { source: ['rapport'] }, submitted],
  ['matches any value of a list', { source: ['other', 'rapport'] }, submitted],
  ['matches a number', { detail: { data: { score: [42] } } }, submitted],
  ['matches a boolean', { detail: { optIn: [true] } }, submitted],
  ['matches null', { detail: { referrer: [null] } }, submitted],
  ['matches one element of an array', { detail: { tags: ['vip'] } }, submitted],
  [
    'matches a nested pattern in an array of objects',
    { detail: { items: { sku: ['B-2'], quantity: [0] } } },
    submitted,
  ],
  [
    'matches every field given',
    { source: ['rapport'], 'detail-type': ['form.submitted'] },
    submitted,
  ],
  ['matches a prefix', { 'detail-type': [{ prefix: 'form.' }] }, submitted],
  [
    'matches a prefix ignoring case',
    { 'detail-type': [{ prefix: { 'equals-ignore-case': 'FORM.' } }] },
    submitted,
  ],
  [
    'matches a suffix',
    { 'detail-type': [{ suffix: '.submitted' }] },
    submitted,
  ],
  [
    'matches a suffix ignoring case',
    {
      detail: {
        data: { email: [{ suffix: { 'equals-ignore-case': 'EXAMPLE.COM' } }] },
      },
    },
    submitted,
  ],
  [
    'matches a string ignoring case',
    {
      detail: {
        data: { email: [{ 'equals-ignore-case': 'ada@example.COM' }] },
      },
    },
    submitted,
  ],
  [
    'matches a wildcard',
    { 'detail-type': [{ wildcard: 'form.*ted' }] },
    submitted,
  ],
  [
    'matches a wildcard over an empty run',
    { source: [{ wildcard: 'rap*port' }] },
    submitted,
  ],
  [
    'matches an escaped asterisk literally',
    { name: [{ wildcard: 'a\\*b' }] },
    { name: 'a*b' },
  ],
  [
    'matches anything but a value',
    { source: [{ 'anything-but': 'other' }] },
    submitted,
  ],
  [
    'matches anything but a number',
    { detail: { data: { score: [{ 'anything-but': 7 }] } } },
    submitted,
  ],
  [
    'matches anything but a list',
    { source: [{ 'anything-but': ['a', 'b'] }] },
    submitted,
  ],
  [
    'matches anything but a prefix',
    { source: [{ 'anything-but': { prefix: 'aws.' } }] },
    submitted,
  ],
  [
    'matches anything but a suffix',
    { source: [{ 'anything-but': { suffix: '.x' } }] },
    submitted,
  ],
  [
    'matches anything but a wildcard',
    { source: [{ 'anything-but': { wildcard: 'aws*' } }] },
    submitted,
  ],
  [
    'matches anything but a list ignoring case',
    {
      source: [{ 'anything-but': { 'equals-ignore-case': ['AWS', 'OTHER'] } }],
    },
    submitted,
  ],
  [
    'matches anything but when another array element differs',
    { detail: { tags: [{ 'anything-but': 'vip' }] } },
    submitted,
  ],
  [
    'matches a numeric equality',
    { detail: { data: { score: [{ numeric: ['=', 42.0] }] } } },
    submitted,
  ],
  [
    'matches a numeric lower bound',
    { detail: { data: { score: [{ numeric: ['>', 9] }] } } },
    submitted,
  ],
  [
    'matches a numeric range inclusive at both ends',
    { detail: { data: { score: [{ numeric: ['>=', 42, '<=', 42] }] } } },
    submitted,
  ],
  [
    'compares numbers as numbers, not text',
    { n: [{ numeric: ['>', 9] }] },
    { n: 10 },
  ],
  [
    'matches a field that exists',
    { detail: { data: { sequenceId: [{ exists: true }] } } },
    submitted,
  ],
  [
    'matches a null field as existing',
    { detail: { referrer: [{ exists: true }] } },
    submitted,
  ],
  [
    'matches a field that is absent',
    { detail: { data: { formId: [{ exists: false }] } } },
    submitted,
  ],
  [
    'matches an absent parent as an absent field',
    { missing: { field: [{ exists: false }] } },
    submitted,
  ],
  [
    'matches an empty array as an absent field',
    { tags: [{ exists: false }] },
    { tags: [] },
  ],
  [
    'matches an IPv4 range',
    { detail: { sourceIp: [{ cidr: '10.0.0.0/16' }] } },
    submitted,
  ],
  [
    'matches an IPv6 range',
    { ip: [{ cidr: '2001:db8::/32' }] },
    { ip: '2001:db8::1' },
  ],
  [
    'matches one branch of $or',
    { $or: [{ source: ['aws.s3'] }, { detail: { optIn: [true] } }] },
    submitted,
  ],
  [
    'matches $or nested inside an object',
    { detail: { $or: [{ optIn: [false] }, { tags: ['vip'] }] } },
    submitted,
  ],
  [
    'matches a DynamoDB stream record filter',
    {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['Event'] } } },
    },
    { eventName: 'INSERT', dynamodb: { NewImage: { entity: { S: 'Event' } } } },
  ],
  ['matches everything with an empty pattern', {}, submitted],
];

const misses: [string, EventPattern, unknown][] = [
  ['misses a different string', { source: ['aws.s3'] }, submitted],
  ['misses a string in another case', { source: ['Rapport'] }, submitted],
  [
    'misses a number written as a string',
    { detail: { data: { score: ['42'] } } },
    submitted,
  ],
  ['misses a string written as a number', { v: [5] }, { v: '5' }],
  [
    'misses an absent field',
    { detail: { data: { formId: ['f_1'] } } },
    submitted,
  ],
  [
    'misses when one field of several differs',
    { source: ['rapport'], 'detail-type': ['x'] },
    submitted,
  ],
  [
    'misses when no array element matches',
    { detail: { tags: ['churned'] } },
    submitted,
  ],
  [
    'misses fields matched in different array elements',
    { detail: { items: { sku: ['A-1'], quantity: [0] } } },
    submitted,
  ],
  ['misses a wrong prefix', { source: [{ prefix: 'aws.' }] }, submitted],
  ['misses a prefix on a number', { n: [{ prefix: '4' }] }, { n: 42 }],
  [
    'misses a prefix in another case',
    { source: [{ prefix: 'RAP' }] },
    submitted,
  ],
  ['misses a wrong suffix', { source: [{ suffix: '.s3' }] }, submitted],
  [
    'misses a different string ignoring case',
    { source: [{ 'equals-ignore-case': 'rapports' }] },
    submitted,
  ],
  [
    'misses a wildcard with the wrong ending',
    { source: [{ wildcard: 'rap*x' }] },
    submitted,
  ],
  [
    'misses an escaped asterisk against other text',
    { name: [{ wildcard: 'a\\*b' }] },
    { name: 'axb' },
  ],
  [
    'misses the very value of anything-but',
    { source: [{ 'anything-but': 'rapport' }] },
    submitted,
  ],
  [
    'misses a value in the anything-but list',
    { source: [{ 'anything-but': ['x', 'rapport'] }] },
    submitted,
  ],
  [
    'misses an anything-but prefix that fits',
    { source: [{ 'anything-but': { prefix: 'rap' } }] },
    submitted,
  ],
  [
    'misses an anything-but suffix that fits',
    { source: [{ 'anything-but': { suffix: 'port' } }] },
    submitted,
  ],
  [
    'misses an anything-but wildcard that fits',
    { source: [{ 'anything-but': { wildcard: 'r*t' } }] },
    submitted,
  ],
  [
    'misses an anything-but ignoring case that fits',
    { source: [{ 'anything-but': { 'equals-ignore-case': 'RAPPORT' } }] },
    submitted,
  ],
  [
    'misses anything-but on an absent field',
    { missing: [{ 'anything-but': 'x' }] },
    submitted,
  ],
  [
    'misses a number outside a range',
    { detail: { data: { score: [{ numeric: ['>', 0, '<', 42] }] } } },
    submitted,
  ],
  [
    'misses a numeric match on a string',
    { n: [{ numeric: ['>', 1] }] },
    { n: '10' },
  ],
  [
    'misses exists:true on an absent field',
    { detail: { data: { formId: [{ exists: true }] } } },
    submitted,
  ],
  [
    'misses exists:false on a present field',
    { detail: { optIn: [{ exists: false }] } },
    submitted,
  ],
  [
    'misses exists:true on an object',
    { detail: { data: [{ exists: true }] } },
    submitted,
  ],
  [
    'misses an address outside the range',
    { detail: { sourceIp: [{ cidr: '10.1.0.0/16' }] } },
    submitted,
  ],
  [
    'misses an IPv4 address against an IPv6 range',
    { ip: [{ cidr: '::/0' }] },
    { ip: '10.0.0.1' },
  ],
  [
    'misses a cidr on text that is no address',
    { ip: [{ cidr: '10.0.0.0/8' }] },
    { ip: '10.0.0' },
  ],
  [
    'misses when no branch of $or matches',
    { $or: [{ source: ['a'] }, { source: ['b'] }] },
    submitted,
  ],
  [
    'misses a stream record of another entity',
    {
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['Event'] } } },
    },
    {
      eventName: 'INSERT',
      dynamodb: { NewImage: { entity: { S: 'Contact' } } },
    },
  ],
  ['misses a leaf pattern against an object', { detail: ['x'] }, submitted],
];

const malformed: [string, unknown, RegExp][] = [
  [
    'refuses a bare value in place of a list',
    { source: 'rapport' },
    /source: expected a list/,
  ],
  [
    'refuses an empty list',
    { source: [] },
    /source: expected a non-empty list/,
  ],
  [
    'refuses an unknown matcher',
    { source: [{ startsWith: 'r' }] },
    /unknown matcher "startsWith"/,
  ],
  [
    'refuses a matcher with two keys',
    { a: [{ prefix: 'a', suffix: 'b' }] },
    /exactly one key/,
  ],
  [
    'refuses a prefix that is not a string',
    { a: [{ prefix: 5 }] },
    /a\[0\]\.prefix: expected a string/,
  ],
  [
    'refuses an unknown prefix option',
    { a: [{ prefix: { 'ignore-case': 'a' } }] },
    /unknown option/,
  ],
  [
    'refuses consecutive wildcards',
    { a: [{ wildcard: 'a**b' }] },
    /consecutive/,
  ],
  [
    'refuses a numeric operator it does not know',
    { a: [{ numeric: ['!=', 1] }] },
    /a comparison .* or a range/,
  ],
  [
    'refuses a range with two lower bounds',
    { a: [{ numeric: ['>', 1, '>=', 2] }] },
    /a comparison .* or a range/,
  ],
  [
    'refuses a numeric bound that is not a number',
    { a: [{ numeric: ['>', '1'] }] },
    /a number after/,
  ],
  [
    'refuses exists with a non-boolean',
    { a: [{ exists: 'yes' }] },
    /expected true or false/,
  ],
  [
    'refuses anything-but mixing kinds',
    { a: [{ 'anything-but': ['a', 1] }] },
    /only one kind/,
  ],
  [
    'refuses anything-but with an unknown form',
    { a: [{ 'anything-but': { numeric: ['>', 1] } }] },
    /unknown anything-but/,
  ],
  [
    'refuses a cidr without a prefix length',
    { a: [{ cidr: '10.0.0.1' }] },
    /such as "10.0.0.0\/24"/,
  ],
  [
    'refuses a cidr prefix too long',
    { a: [{ cidr: '10.0.0.0/33' }] },
    /too long/,
  ],
  [
    'refuses $or that is not a list',
    { $or: { a: ['x'] } },
    /\$or: expected a list of patterns/,
  ],
  [
    'refuses a malformed branch of $or',
    { $or: [{ a: ['x'] }, { b: 'y' }] },
    /\$or\[1\]\.b/,
  ],
  ['refuses a pattern that is not an object', ['x'], /its root/],
];

describe('matchesPattern', () => {
  it.each(matches)('%s', (_title, pattern, event) => {
    const matched = matchesPattern(pattern, event);

    expect(matched).toBe(true);
  });

  it.each(misses)('%s', (_title, pattern, event) => {
    const matched = matchesPattern(pattern, event);

    expect(matched).toBe(false);
  });
});

describe('assertValidPattern', () => {
  it.each(malformed)('%s', (_title, pattern, problem) => {
    const check = () => assertValidPattern(pattern as EventPattern);

    expect(check).toThrow(problem);
  });

  it('accepts every pattern that the matching cases use', () => {
    const patterns = [...matches, ...misses].map(([, pattern]) => pattern);

    const check = () => patterns.forEach(assertValidPattern);

    expect(check).not.toThrow();
  });
});
