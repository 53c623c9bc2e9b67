import { join } from 'node:path';
import {
  environmentByPermission,
  type FunctionName,
  type FunctionSpec,
  type Permission,
} from '@rapport/blueprint';
import { Duration, Tags } from 'aws-cdk-lib';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The tag that names a function's blueprint entry in the template. */
export const functionTag = 'rapport:function';

export interface RapportFunctionsProps {
  functions: Record<FunctionName, FunctionSpec>;
  /** The folder holding one bundle folder per function. */
  bundleDir: string;
  /** A value for every variable that some permission brings. */
  environment: Record<string, string>;
}

const baseEnvironment = {
  POWERTOOLS_SERVICE_NAME: 'rapport',
  LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
};

const environmentFor = (
  permissions: Permission[],
  values: Record<string, string>,
): Record<string, string> => {
  const names = new Set(
    permissions.flatMap((permission) => environmentByPermission[permission]),
  );
  const environment: Record<string, string> = { ...baseEnvironment };

  for (const name of names) {
    const value = values[name];

    if (value === undefined) throw new Error(`No value for ${name}`);
    environment[name] = value;
  }

  return environment;
};

/** One Lambda function per blueprint function, each with its log group. */
export class RapportFunctions extends Construct {
  readonly byName: Record<FunctionName, LambdaFunction>;

  constructor(scope: Construct, id: string, props: RapportFunctionsProps) {
    super(scope, id);

    const entries = Object.entries(props.functions) as [
      FunctionName,
      FunctionSpec,
    ][];

    this.byName = Object.fromEntries(
      entries.map(([name, spec]) => [name, this.make(name, spec, props)]),
    ) as Record<FunctionName, LambdaFunction>;
  }

  private make(
    name: FunctionName,
    spec: FunctionSpec,
    props: RapportFunctionsProps,
  ): LambdaFunction {
    const logGroup = new LogGroup(this, `${name}Logs`, {
      retention: RetentionDays.ONE_MONTH,
    });
    const fn = new LambdaFunction(this, name, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(join(props.bundleDir, name)),
      handler: 'index.handler',
      description: spec.description,
      timeout: Duration.seconds(spec.timeout),
      memorySize: spec.memory,
      environment: environmentFor(spec.permissions, props.environment),
      logGroup,
    });

    Tags.of(fn).add(functionTag, name);

    return fn;
  }
}
