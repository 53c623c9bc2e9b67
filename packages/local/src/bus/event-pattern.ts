import { BlockList, isIP } from 'node:net';
import type { EventPattern } from '@rapport/blueprint';

/**
 * EventBridge's pattern language, for the local bus rules and for Lambda
 * event-source filters on stream records. A pattern is compiled into a test;
 * compiling is also how a malformed pattern is found.
 */
type Test = (value: unknown) => boolean;
type Build = (argument: unknown, path: string) => Test;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A declaration, not an arrow, so that TypeScript narrows after a call.
function invalid(path: string, problem: string): never {
  throw new Error(`Invalid event pattern at ${path || 'its root'}: ${problem}`);
}

/** The one key of a matcher object such as `{ "prefix": "a" }`. */
const onlyKey = (matcher: Record<string, unknown>, path: string) => {
  const [name, ...others] = Object.keys(matcher);

  if (name === undefined || others.length > 0)
    invalid(path, 'a matcher has exactly one key');

  return [name, matcher[name]] as const;
};

// EventBridge flattens arrays: a field holding an array matches when any of
// its elements does, and an empty array is as good as an absent field.
const anyElement = (value: unknown, test: Test): boolean => {
  if (!Array.isArray(value)) return test(value);
  if (value.length === 0) return test(undefined);

  return value.some((element) => anyElement(element, test));
};

const text = (argument: unknown, path: string): string => {
  if (typeof argument !== 'string') invalid(path, 'expected a string');

  return argument;
};

const stringTest =
  (test: (value: string) => boolean): Test =>
  (value) =>
    typeof value === 'string' && test(value);

const escapeRegExp = (literal: string) =>
  literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// `*` matches any run of characters; `\*` and `\\` stand for themselves.
const wildcard: Build = (argument, path) => {
  const written = text(argument, path);

  if (written.includes('**')) invalid(path, 'consecutive `*`');
  // Splitting on a captured separator puts the separators at odd indexes.
  const source = written
    .split(/(\\[*\\]|\*)/)
    .map((part, index) => {
      if (index % 2 === 0) return escapeRegExp(part);

      return part === '*' ? '.*' : escapeRegExp(part.slice(1));
    })
    .join('');
  const expression = new RegExp(`^${source}$`, 's');

  return stringTest((value) => expression.test(value));
};

const equalsIgnoreCase: Build = (argument, path) => {
  const folded = text(argument, path).toLowerCase();

  return stringTest((value) => value.toLowerCase() === folded);
};

// `prefix` and `suffix` take a string, or `{"equals-ignore-case": string}`.
const affix =
  (compare: (value: string, wanted: string) => boolean): Build =>
  (argument, path) => {
    const [how, wanted] = isObject(argument)
      ? onlyKey(argument, path)
      : ['exact', argument];

    if (how !== 'exact' && how !== 'equals-ignore-case')
      invalid(path, `unknown option "${how}"`);
    const fold = (value: string) =>
      how === 'exact' ? value : value.toLowerCase();
    const expected = fold(text(wanted, path));

    return stringTest((value) => compare(fold(value), expected));
  };

const anyOf =
  (build: Build): Build =>
  (argument, path) => {
    const tests = (Array.isArray(argument) ? argument : [argument]).map(
      (item, index) => build(item, `${path}[${index}]`),
    );

    return (value) => tests.some((test) => test(value));
  };

const prefix = affix((value, wanted) => value.startsWith(wanted));
const suffix = affix((value, wanted) => value.endsWith(wanted));

const stringExclusions: Record<string, Build> = {
  prefix,
  suffix,
  wildcard: anyOf(wildcard),
  'equals-ignore-case': anyOf(equalsIgnoreCase),
};

const anythingBut: Build = (argument, path) => {
  if (isObject(argument)) {
    const [name, excluded] = onlyKey(argument, path);
    const build = stringExclusions[name];

    if (!build) return invalid(path, `unknown anything-but "${name}"`);
    const excludes = build(excluded, `${path}.${name}`);

    // The string forms of anything-but only ever match strings.
    return stringTest((value) => !excludes(value));
  }
  const values = Array.isArray(argument) ? argument : [argument];
  const kinds = new Set(values.map((value) => typeof value));
  const [kind] = kinds;

  if (kinds.size !== 1 || (kind !== 'string' && kind !== 'number'))
    invalid(path, 'expected a string, a number, or a list of only one kind');

  return (value) => !values.includes(value);
};

const comparisons: Record<string, (value: number, bound: number) => boolean> = {
  '=': (value, bound) => value === bound,
  '<': (value, bound) => value < bound,
  '<=': (value, bound) => value <= bound,
  '>': (value, bound) => value > bound,
  '>=': (value, bound) => value >= bound,
};

// `["=", 5]`, `[">", 0]`, or a range: `[">", 0, "<=", 5]`.
const numeric: Build = (argument, path) => {
  const terms: unknown[] = Array.isArray(argument) ? argument : [];
  const bounds: [string, unknown][] = [];

  for (let at = 0; at < terms.length; at += 2)
    bounds.push([String(terms[at]), terms[at + 1]]);
  const operators = bounds.map(([operator]) => operator).join(' ');

  if (!/^(=|[<>]=?|>=? <=?|<=? >=?)$/.test(operators))
    invalid(
      path,
      'expected a comparison like [">", 0] or a range like [">", 0, "<", 5]',
    );
  if (!bounds.every(([, bound]) => Number.isFinite(bound)))
    invalid(path, 'expected a number after each operator');

  return (value) =>
    typeof value === 'number' &&
    bounds.every(([operator, bound]) =>
      comparisons[operator]?.(value, bound as number),
    );
};

const cidr: Build = (argument, path) => {
  const [address = '', bits = '', ...rest] = text(argument, path).split('/');
  const family = isIP(address);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const range = new BlockList();

  if (!family || rest.length > 0 || !/^\d+$/.test(bits))
    invalid(path, 'expected a range such as "10.0.0.0/24"');
  if (Number(bits) > (family === 4 ? 32 : 128))
    invalid(path, `/${bits} is too long for ${address}`);
  range.addSubnet(address, Number(bits), type);

  return stringTest(
    (value) => isIP(value) === family && range.check(value, type),
  );
};

const exists: Build = (argument, path) => {
  if (typeof argument !== 'boolean') invalid(path, 'expected true or false');

  return (value) => (value !== undefined) === argument;
};

const matchers: Record<string, Build> = {
  prefix,
  suffix,
  wildcard,
  'equals-ignore-case': equalsIgnoreCase,
  'anything-but': anythingBut,
  numeric,
  cidr,
  exists,
};

const compileMatcher: Build = (matcher, path) => {
  if (matcher === null || ['string', 'boolean'].includes(typeof matcher))
    return (value) => value === matcher;
  if (typeof matcher === 'number' && Number.isFinite(matcher))
    return (value) => value === matcher;
  if (!isObject(matcher)) return invalid(path, 'expected a value or matcher');
  const [name, argument] = onlyKey(matcher, path);
  const build = matchers[name];

  if (!build) return invalid(path, `unknown matcher "${name}"`);
  const test = build(argument, `${path}.${name}`);

  // Every matcher but `exists` needs the field to be there.
  return name === 'exists'
    ? test
    : (value) => value !== undefined && test(value);
};

const compileValues: Build = (values, path) => {
  if (!Array.isArray(values) || values.length === 0)
    invalid(path, 'expected a non-empty list of values');
  const tests = values.map((value, index) =>
    compileMatcher(value, `${path}[${index}]`),
  );

  // An object is not a leaf: to a value matcher it is an absent field.
  return (value) =>
    anyElement(value, (leaf) =>
      tests.some((test) => test(isObject(leaf) ? undefined : leaf)),
    );
};

const compileObject: Build = (pattern, path) => {
  if (!isObject(pattern))
    return invalid(path, 'expected a list of values or a nested pattern');
  const tests = Object.entries(pattern).map(([key, value]): Test => {
    const at = path ? `${path}.${key}` : key;

    if (key === '$or') {
      const choices = (Array.isArray(value) ? value : []).map((choice, index) =>
        compileObject(choice, `${at}[${index}]`),
      );

      if (choices.length === 0) invalid(at, 'expected a list of patterns');

      return (event) => choices.some((choice) => choice(event));
    }
    const test = Array.isArray(value)
      ? compileValues(value, at)
      : compileObject(value, at);

    return (event) => test(isObject(event) ? event[key] : undefined);
  });

  return (event) =>
    anyElement(event, (element) => tests.every((test) => test(element)));
};

/** Throws an Error naming the path and the problem if the pattern is malformed. */
export const assertValidPattern = (pattern: EventPattern): void => {
  compileObject(pattern, '');
};

/** Answers whether the event matches the pattern, as EventBridge would. */
export const matchesPattern = (
  pattern: EventPattern,
  event: unknown,
): boolean => compileObject(pattern, '')(event);
