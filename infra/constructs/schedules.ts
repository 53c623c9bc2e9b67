import type { FunctionName, ScheduleSpec } from '@rapport/blueprint';
import { Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

export interface RapportSchedulesProps {
  schedules: ScheduleSpec<FunctionName>[];
  functions: Record<FunctionName, IFunction>;
}

/** EventBridge Scheduler schedules, each invoking its function. */
export class RapportSchedules extends Construct {
  constructor(scope: Construct, id: string, props: RapportSchedulesProps) {
    super(scope, id);

    const { stackName } = Stack.of(this);

    for (const spec of props.schedules) {
      // Schedule names are unique per account and region, so the stack's
      // name is their prefix.
      new Schedule(this, spec.name, {
        scheduleName: `${stackName}-${spec.name}`,
        schedule: ScheduleExpression.expression(spec.expression),
        target: new LambdaInvoke(props.functions[spec.target]),
      });
    }
  }
}
