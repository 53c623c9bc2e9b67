import type { FunctionName } from '@rapport/blueprint';
import type { Template } from 'aws-cdk-lib/assertions';
import {
  functionNamesById,
  getAttId,
  refId,
  resourcesOf,
  stateMachineNamesById,
} from './template-reader';

type Properties = Record<string, unknown>;

const integrationTargetId = (route: Properties): string => {
  // `integrations/<id>`, joined from a Ref to the integration.
  const [, parts] = (route.Target as { 'Fn::Join': [string, unknown[]] })[
    'Fn::Join'
  ];

  return refId(parts[1]);
};

/**
 * What the synthesized template deploys, in the shape of the local stack's
 * `localTopology()`, with logical ids mapped back to blueprint names.
 */
export const templateTopology = (template: Template, stackName: string) => {
  const functionNames = functionNamesById(template);
  const nameOf = (id: string): FunctionName => {
    const name = functionNames.get(id);

    if (!name) throw new Error(`${id} is not a blueprint function`);

    return name;
  };
  const integrations = new Map(
    resourcesOf(template, 'AWS::ApiGatewayV2::Integration').map(
      ([id, integration]) => [id, nameOf(getAttId(integration.IntegrationUri))],
    ),
  );

  return {
    routes: resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(
      ([, route]) => ({
        routeKey: route.RouteKey as string,
        function: integrations.get(integrationTargetId(route)),
      }),
    ),
    streamConsumers: resourcesOf(
      template,
      'AWS::Lambda::EventSourceMapping',
    ).map(([, mapping]) => ({
      function: nameOf(refId(mapping.FunctionName)),
      batchSize: mapping.BatchSize,
      filters: (
        mapping.FilterCriteria as { Filters: { Pattern: string }[] }
      ).Filters.map((filter) => JSON.parse(filter.Pattern)),
      retryAttempts: mapping.MaximumRetryAttempts,
      bisectBatchOnError: mapping.BisectBatchOnFunctionError,
      maxBatchingWindowSeconds: mapping.MaximumBatchingWindowInSeconds,
    })),
    rules: resourcesOf(template, 'AWS::Events::Rule').map(([, rule]) => ({
      name: rule.Name,
      pattern: rule.EventPattern,
      target: (rule.Targets as { Arn: unknown }[]).map((target) =>
        nameOf(getAttId(target.Arn)),
      ),
    })),
    stateMachines: resourcesOf(
      template,
      'AWS::StepFunctions::StateMachine',
    ).map(([id, machine]) => ({
      name: stateMachineNamesById(template).get(id),
      definition: JSON.parse(machine.DefinitionString as string),
      substitutions: Object.fromEntries(
        Object.entries(machine.DefinitionSubstitutions as Properties).map(
          ([key, arn]) => [key, nameOf(getAttId(arn))],
        ),
      ),
    })),
    schedules: resourcesOf(template, 'AWS::Scheduler::Schedule').map(
      ([, schedule]) => ({
        name: (schedule.Name as string).replace(`${stackName}-`, ''),
        expression: schedule.ScheduleExpression,
        target: nameOf(getAttId((schedule.Target as { Arn: unknown }).Arn)),
      }),
    ),
  };
};
