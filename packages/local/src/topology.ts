import { blueprint, type FunctionName } from '@rapport/blueprint';

/**
 * What the local stack runs, read from the blueprint: the routes it serves,
 * the stream consumers it polls for, the rules its bus matches and the state
 * machines it executes. The parity test holds this against the synthesized
 * CloudFormation template.
 */
export const localTopology = () => ({
  routes: blueprint.routes.map((route) => ({
    routeKey: route.routeKey,
    function: route.function as FunctionName,
  })),
  streamConsumers: blueprint.streamConsumers.map((consumer) => ({
    function: consumer.function as FunctionName,
    batchSize: consumer.batchSize,
    filters: consumer.filters,
    retryAttempts: consumer.retryAttempts,
    bisectBatchOnError: consumer.bisectBatchOnError,
    maxBatchingWindowSeconds: consumer.maxBatchingWindowSeconds,
  })),
  rules: blueprint.rules.map((rule) => ({
    name: rule.name,
    pattern: rule.pattern,
    target: rule.target as FunctionName,
  })),
  stateMachines: blueprint.stateMachines.map((machine) => ({
    name: machine.name,
    definition: machine.definition,
    tasks: machine.tasks as FunctionName[],
  })),
  schedules: blueprint.schedules.map((schedule) => ({
    name: schedule.name,
    expression: schedule.expression,
    target: schedule.target as FunctionName,
  })),
});
