import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blueprint } from '@rapport/blueprint';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeTemporaryDirs, synthesize, temporaryDir } from './synthesize';
import { functionIdOf } from './template-reader';
import { templateTopology } from './template-topology';

const schedule = {
  name: 'NightlyHealthCheck',
  expression: 'cron(0 3 * * ? *)',
  target: 'health' as const,
};

let template: Template;

// This file proves that a schedule synthesizes, with one of its own
// in place of the blueprint's. Its wiring needs no handler code, so each
// bundle is a stub.
beforeAll(() => {
  const bundleDir = temporaryDir('stub-bundles');

  for (const name of Object.keys(blueprint.functions)) {
    mkdirSync(join(bundleDir, name));
    writeFileSync(join(bundleDir, name, 'index.mjs'), '');
  }

  template = synthesize({
    bundleDir,
    blueprint: { ...blueprint, schedules: [schedule] },
  });
}, 60_000);

afterAll(removeTemporaryDirs);

it('invokes the scheduled function with its expression', () => {
  template.hasResourceProperties('AWS::Scheduler::Schedule', {
    Name: `RapportTest-${schedule.name}`,
    ScheduleExpression: schedule.expression,
    State: 'ENABLED',
    Target: {
      Arn: { 'Fn::GetAtt': [functionIdOf(template, 'health'), 'Arn'] },
      RoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    },
  });
});

it('lets the scheduler role invoke the function', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Action: 'lambda:InvokeFunction',
          Resource: Match.arrayWith([
            { 'Fn::GetAtt': [functionIdOf(template, 'health'), 'Arn'] },
          ]),
        }),
      ]),
    },
  });
});

it('reads back as the blueprint schedule', () => {
  const { schedules } = templateTopology(template, 'RapportTest');

  expect(schedules).toEqual([schedule]);
});
