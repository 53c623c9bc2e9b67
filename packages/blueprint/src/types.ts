/**
 * The shapes of Rapport's one description of its infrastructure. The CDK app
 * (`infra/`) and the local runtime (`@rapport/local`) are both built from
 * values of these types, so a route, rule or state machine is declared once.
 */

/** What a function may touch; each grant becomes the narrowest IAM policy. */
export type Permission =
  | 'table:read'
  | 'table:write'
  | 'table:stream'
  | 'bus:put'
  | 'ses:send'
  | 'sequence:start';

export interface FunctionSpec {
  /** Entry file, relative to the repository root. */
  entry: string;
  description: string;
  permissions: Permission[];
  /** Seconds; Lambda's limit for one invocation. */
  timeout: number;
  /** MiB. */
  memory: number;
  /**
   * KiB a bundle may reach, AWS SDK included, when it must differ from the
   * default for its kind (300 for API handlers); the reason goes beside it.
   */
  bundleBudgetKb?: number;
}

export interface TableIndex {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableSpec {
  partitionKey: string;
  sortKey: string;
  indexes: TableIndex[];
  stream: 'NEW_AND_OLD_IMAGES';
  timeToLiveAttribute: string;
}

export type HttpMethod =
  | 'GET'
  | 'POST'
  | 'PATCH'
  | 'PUT'
  | 'DELETE'
  | 'OPTIONS';

export interface RouteSpec<F extends string> {
  /** API Gateway route key, such as `POST /v1/contacts` or `$default`. */
  routeKey: `${HttpMethod} /${string}` | '$default';
  function: F;
}

/**
 * An EventBridge-style pattern, used both for bus rules and for Lambda event
 * source filters (they share one matching language).
 */
export type EventPattern = { [key: string]: unknown };

export interface StreamConsumerSpec<F extends string> {
  name: string;
  function: F;
  batchSize: number;
  /** Each record must match one of these patterns to reach the function. */
  filters: EventPattern[];
  retryAttempts: number;
  bisectBatchOnError: boolean;
  maxBatchingWindowSeconds: number;
}

export interface RuleSpec<F extends string> {
  name: string;
  description: string;
  pattern: EventPattern;
  target: F;
  /** How many times the bus retries a failed delivery. */
  retryAttempts: number;
}

/**
 * A state machine's Amazon States Language definition. A Task state names the
 * function it runs as `"Resource": "${fn:<functionName>}"`; the CDK app
 * substitutes the function's ARN and the local runner calls the handler.
 */
export interface StateMachineSpec<F extends string> {
  name: string;
  definition: Record<string, unknown>;
  tasks: F[];
}

export interface ScheduleSpec<F extends string> {
  name: string;
  /** EventBridge Scheduler expression: `rate(...)` or `cron(...)`. */
  expression: string;
  target: F;
}

export interface Blueprint<F extends string> {
  functions: Record<F, FunctionSpec>;
  table: TableSpec;
  routes: RouteSpec<F>[];
  streamConsumers: StreamConsumerSpec<F>[];
  bus: { source: string };
  rules: RuleSpec<F>[];
  stateMachines: StateMachineSpec<F>[];
  schedules: ScheduleSpec<F>[];
}
