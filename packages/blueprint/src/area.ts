import type {
  FunctionSpec,
  Permission,
  RouteSpec,
  RuleSpec,
  ScheduleSpec,
  StateMachineSpec,
  StreamConsumerSpec,
} from './types';

/**
 * One area of the product (contacts, forms, sequences, ...): its functions
 * and the routes, consumers, rules, machines and schedules that use them.
 * The blueprint is the union of the areas.
 */
export interface Area<F extends string> {
  functions: Record<F, FunctionSpec>;
  routes?: RouteSpec<F>[];
  streamConsumers?: StreamConsumerSpec<F>[];
  rules?: RuleSpec<F>[];
  stateMachines?: StateMachineSpec<F>[];
  schedules?: ScheduleSpec<F>[];
}

/** Declares an area, checking that it names only its own functions. */
export const defineArea = <F extends string>(area: Area<F>): Area<F> => area;

export const read: Permission[] = ['table:read'];
export const write: Permission[] = ['table:read', 'table:write'];

/** A function behind an HTTP route: `functions/http/<entry>.ts`. */
export const api = (
  entry: string,
  description: string,
  permissions: Permission[],
): FunctionSpec => ({
  entry: `functions/http/${entry}.ts`,
  description,
  permissions,
  timeout: 10,
  memory: 512,
});

/** A function run by the stream, the bus, a schedule or a state machine. */
export const worker = (
  entry: string,
  description: string,
  permissions: Permission[],
  timeout = 30,
): FunctionSpec => ({
  entry: `functions/${entry}.ts`,
  description,
  permissions,
  timeout,
  memory: 512,
});

/**
 * Handlers that turn phone numbers into E.164 carry libphonenumber-js with
 * its smallest (`min`) metadata, about 125 KB: a number is checked when it
 * is written, so a wrong one is a 400 rather than a bad record.
 * Writing a contact also scores it (rules cache, window query, score
 * arithmetic and keys: about 3.4 KB), which took the form handler 1.6 KB
 * past 420 KB; hence 425.
 */
export const parsesPhones = (spec: FunctionSpec): FunctionSpec => ({
  ...spec,
  bundleBudgetKb: 425,
});
