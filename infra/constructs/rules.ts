import type { FunctionName, RuleSpec } from '@rapport/blueprint';
import { Duration } from 'aws-cdk-lib';
import {
  type EventPattern,
  type IEventBus,
  Rule,
} from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface BusRulesProps {
  bus: IEventBus;
  rules: RuleSpec<FunctionName>[];
  functions: Record<FunctionName, IFunction>;
}

/**
 * The bus rules. An event the target still refuses after the bus's retries
 * waits in the rule's dead-letter queue.
 */
export class BusRules extends Construct {
  constructor(scope: Construct, id: string, props: BusRulesProps) {
    super(scope, id);

    for (const spec of props.rules) {
      const deadLetters = new Queue(this, `${spec.name}DeadLetters`, {
        retentionPeriod: Duration.days(14),
        enforceSSL: true,
      });

      new Rule(this, spec.name, {
        eventBus: props.bus,
        ruleName: spec.name,
        description: spec.description,
        // The blueprint spells keys as EventBridge does (`detail-type`),
        // which CDK passes through unchanged.
        eventPattern: spec.pattern as EventPattern,
        targets: [
          new LambdaFunction(props.functions[spec.target], {
            retryAttempts: spec.retryAttempts,
            deadLetterQueue: deadLetters,
          }),
        ],
      });
    }
  }
}
