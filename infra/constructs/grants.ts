import type {
  FunctionName,
  FunctionSpec,
  Permission,
} from '@rapport/blueprint';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { RapportEmail } from './email';

export interface GrantTargets {
  table: ITableV2;
  bus: IEventBus;
  email: RapportEmail;
  sequenceRunner: () => IStateMachine;
}

type GrantFor = (fn: IFunction, targets: GrantTargets) => unknown;

// Each permission becomes the narrowest grant that serves it.
const grantFor: Record<Permission, GrantFor> = {
  'table:read': (fn, { table }) => table.grantReadData(fn),
  'table:write': (fn, { table }) => table.grantWriteData(fn),
  // The event source mapping grants what reading the stream takes.
  'table:stream': () => undefined,
  'bus:put': (fn, { bus }) => bus.grantPutEventsTo(fn),
  'ses:send': (fn, { email }) => email.grantSend(fn),
  'sequence:start': (fn, { sequenceRunner }) =>
    sequenceRunner().grantStartExecution(fn),
};

/** Gives every function what its blueprint permissions name. */
export const grantPermissions = (
  specs: Record<FunctionName, FunctionSpec>,
  functions: Record<FunctionName, IFunction>,
  targets: GrantTargets,
): void => {
  for (const [name, spec] of Object.entries(specs)) {
    const fn = functions[name as FunctionName];

    for (const permission of spec.permissions) {
      grantFor[permission](fn, targets);
    }
  }
};
