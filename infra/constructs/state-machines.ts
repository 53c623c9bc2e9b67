import type { FunctionName, StateMachineSpec } from '@rapport/blueprint';
import { Tags } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** The tag that names a state machine's blueprint entry in the template. */
export const stateMachineTag = 'rapport:state-machine';

export interface RapportStateMachinesProps {
  machines: StateMachineSpec<FunctionName>[];
  functions: Record<FunctionName, IFunction>;
}

/** The `${name}` placeholders of a definition, each naming a function. */
export const placeholdersOf = (definition: string): string[] => [
  ...new Set(
    [...definition.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1] ?? ''),
  ),
];

const checkTasks = (spec: StateMachineSpec<FunctionName>, body: string) => {
  const placeholders = placeholdersOf(body).sort().join(', ');
  const tasks = [...spec.tasks].sort().join(', ');

  if (placeholders !== tasks) {
    throw new Error(
      `${spec.name} runs ${placeholders} but declares tasks ${tasks}`,
    );
  }
};

/**
 * Each state machine from its ASL definition, unchanged: CloudFormation puts
 * each task function's ARN where the definition names the function.
 */
export class RapportStateMachines extends Construct {
  readonly byName = new Map<string, StateMachine>();

  constructor(scope: Construct, id: string, props: RapportStateMachinesProps) {
    super(scope, id);

    for (const spec of props.machines) {
      this.byName.set(spec.name, this.make(spec, props.functions));
    }
  }

  private make(
    spec: StateMachineSpec<FunctionName>,
    functions: Record<FunctionName, IFunction>,
  ): StateMachine {
    const body = JSON.stringify(spec.definition);

    checkTasks(spec, body);

    const machine = new StateMachine(this, spec.name, {
      definitionBody: DefinitionBody.fromString(body),
      definitionSubstitutions: Object.fromEntries(
        spec.tasks.map((task) => [task, functions[task].functionArn]),
      ),
      // Every transition is logged without its payload, which can carry
      // a contact's details.
      logs: {
        destination: new LogGroup(this, `${spec.name}Logs`, {
          retention: RetentionDays.ONE_MONTH,
        }),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });

    for (const task of spec.tasks) functions[task].grantInvoke(machine);
    Tags.of(machine).add(stateMachineTag, spec.name);

    return machine;
  }
}
