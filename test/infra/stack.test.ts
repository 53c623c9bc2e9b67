import {
  blueprint,
  environmentByPermission,
  type FunctionName,
} from '@rapport/blueprint';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions } from '../../infra/bundle';
import { removeTemporaryDirs, synthesize, temporaryDir } from './synthesize';
import {
  actionsOf,
  functionIdOf,
  functionNamesById,
  getAttId,
  resourcesOf,
  statementsOf,
} from './template-reader';

const functionNames = Object.keys(blueprint.functions) as FunctionName[];
const tableWrites = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

const expectedVariables = (name: FunctionName) =>
  [
    ...new Set([
      'POWERTOOLS_SERVICE_NAME',
      'LOG_LEVEL',
      'NODE_OPTIONS',
      ...blueprint.functions[name].permissions.flatMap(
        (permission) => environmentByPermission[permission],
      ),
    ]),
  ].sort();

let template: Template;

// Bundling and synthesis take seconds, so the file does them once.
beforeAll(async () => {
  const bundleDir = temporaryDir('bundles');
  await bundleFunctions({ outDir: bundleDir });

  template = synthesize({ bundleDir });
}, 120_000);

afterAll(removeTemporaryDirs);

const functionsAllowed = (action: string) =>
  functionNames.filter((name) => actionsOf(template, name).includes(action));

describe('the table', () => {
  it('bills on demand and keeps a point-in-time backup', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
        }),
      ],
    });
  });

  it('streams new and old images and expires items by their TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('projects every attribute into each index', () => {
    const indexes = blueprint.table.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));

    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: indexes,
    });
  });

  it('outlives the stack', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('the functions', () => {
  it('makes one function per blueprint function', () => {
    const names = [...functionNamesById(template).values()].sort();

    expect(names).toEqual([...functionNames].sort());
  });

  it('runs every function on nodejs22.x and arm64', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it.each(functionNames)('sizes and configures %s from its spec', (name) => {
    const spec = blueprint.functions[name];
    const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(
      ([id]) => id === functionIdOf(template, name),
    ) ?? ['', {}];

    const variables = (fn.Environment as { Variables: object }).Variables;

    expect(fn.Timeout).toBe(spec.timeout);
    expect(fn.MemorySize).toBe(spec.memory);
    expect(fn.Description).toBe(spec.description);
    expect(variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'rapport',
      LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(Object.keys(variables).sort()).toEqual(expectedVariables(name));
  });

  it('gives each function a log group with a retention', () => {
    const retained = resourcesOf(template, 'AWS::Logs::LogGroup')
      .filter(([, group]) => group.RetentionInDays === 30)
      .map(([id]) => id);

    const logGroups = resourcesOf(template, 'AWS::Lambda::Function').map(
      ([, fn]) => (fn.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup,
    );

    for (const group of logGroups) expect(retained).toContain(group.Ref);
  });

  it('tells the senders where email comes from', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          EMAIL_FROM: 'hello@example.com',
          SES_CONFIGURATION_SET: {
            Ref: Match.stringLikeRegexp('^EmailConfigurationSet'),
          },
        }),
      },
    });
  });
});

describe('the HTTP API', () => {
  it('serves one route per blueprint route key', () => {
    const keys = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(
      ([, route]) => route.RouteKey,
    );

    expect(keys.sort()).toEqual(
      blueprint.routes.map((route) => route.routeKey).sort(),
    );
  });

  it('hands every request to Lambda in payload format 2.0', () => {
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('throttles the stage and logs every request', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: {
        ThrottlingRateLimit: 200,
        ThrottlingBurstLimit: 400,
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.stringLikeRegexp('context.requestId'),
      },
    });
  });

  it('outputs the API URL', () => {
    template.hasOutput('ApiUrl', {
      Value: { 'Fn::GetAtt': [Match.anyValue(), 'ApiEndpoint'] },
    });
  });
});

describe('the stream consumer', () => {
  it('reads events in batches with retries, bisection and a failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumRetryAttempts: 10,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: 0,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
      },
    });
  });

  it('lets through only inserted timeline events', () => {
    const pattern = JSON.stringify({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { entity: { S: ['Event'] } } },
    });

    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: { Filters: [{ Pattern: pattern }] },
    });
  });
});

describe('the bus', () => {
  it('is named after the stack', () => {
    template.hasResourceProperties('AWS::Events::EventBus', {
      Name: 'rapport-RapportTest',
    });
  });

  it('enrolls on submitted forms that name a sequence', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'EnrollOnFormSubmitted',
      EventPattern: {
        source: ['rapport'],
        'detail-type': ['form.submitted'],
        detail: { data: { sequenceId: [{ exists: true }] } },
      },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
  });
});

describe('the state machine and email', () => {
  it('runs the sequence runner with its tasks substituted and logged', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: {
        sequenceStep: {
          'Fn::GetAtt': [functionIdOf(template, 'sequenceStep'), 'Arn'],
        },
        sequenceSendEmail: {
          'Fn::GetAtt': [functionIdOf(template, 'sequenceSendEmail'), 'Arn'],
        },
      },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  it('makes an SES configuration set', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });

  it('makes no schedule while the blueprint has none', () => {
    template.resourceCountIs(
      'AWS::Scheduler::Schedule',
      blueprint.schedules.length,
    );
  });
});

describe('the permissions', () => {
  it('lets contactGet read the table but not write it', () => {
    const actions = actionsOf(template, 'contactGet');

    expect(actions).toContain('dynamodb:GetItem');
    for (const write of tableWrites) expect(actions).not.toContain(write);
  });

  it('lets only functions with table:write write the table', () => {
    const writers = functionNames.filter((name) =>
      blueprint.functions[name].permissions.includes('table:write'),
    );

    expect(functionsAllowed('dynamodb:PutItem')).toEqual(writers);
  });

  it('grants ses:SendEmail only to the sender', () => {
    expect(functionsAllowed('ses:SendEmail')).toEqual(['sequenceSendEmail']);
  });

  it('scopes ses:SendEmail to the sender identity and configuration set', () => {
    const [statement] = statementsOf(template, 'sequenceSendEmail').filter(
      (candidate) => candidate.Action === 'ses:SendEmail',
    );

    const resources = JSON.stringify(statement?.Resource);

    expect(resources).toContain(':identity/example.com"');
    expect(resources).toContain(':identity/hello@example.com"');
    expect(resources).toContain(':configuration-set/');
    expect(statement?.Resource).toHaveLength(3);
  });

  it('lets only enrollInSequence start executions', () => {
    expect(functionsAllowed('states:StartExecution')).toEqual([
      'enrollInSequence',
    ]);
  });

  it('lets only the publisher put events on the bus', () => {
    expect(functionsAllowed('events:PutEvents')).toEqual(['publishEvents']);
  });

  it('grants no function an action on every resource', () => {
    const wide = functionNames.filter((name) =>
      statementsOf(template, name).some((statement) =>
        [statement.Resource].flat().includes('*'),
      ),
    );

    expect(wide).toEqual([]);
  });

  it('lets the state machine invoke only its tasks', () => {
    const [, machine] = resourcesOf(
      template,
      'AWS::StepFunctions::StateMachine',
    )[0] ?? ['', {}];
    const roleId = getAttId(machine.RoleArn);

    const invoked = resourcesOf(template, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Roles).includes(roleId))
      .flatMap(([, policy]) => {
        const document = policy.PolicyDocument as {
          Statement: { Action: string; Resource: unknown[] }[];
        };

        return document.Statement.filter(
          (statement) => statement.Action === 'lambda:InvokeFunction',
        ).map((statement) =>
          functionNamesById(template).get(getAttId(statement.Resource[0])),
        );
      });

    expect(invoked.sort()).toEqual(['sequenceSendEmail', 'sequenceStep']);
  });
});
