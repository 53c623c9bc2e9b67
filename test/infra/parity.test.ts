import { localTopology } from '@rapport/local/topology';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleFunctions } from '../../infra/bundle';
import { removeTemporaryDirs, synthesize, temporaryDir } from './synthesize';
import { templateTopology } from './template-topology';

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

let deployed: ReturnType<typeof templateTopology>;
let local: ReturnType<typeof localTopology>;

// What AWS would run and what `npm start` runs must be one product.
beforeAll(async () => {
  const bundleDir = temporaryDir('bundles');
  await bundleFunctions({ outDir: bundleDir });
  const template: Template = synthesize({ bundleDir });

  deployed = templateTopology(template, 'RapportTest');
  local = localTopology();
}, 120_000);

afterAll(removeTemporaryDirs);

it('serves the same routes with the same functions', () => {
  const order = byKey((route: { routeKey: string }) => route.routeKey);

  expect(deployed.routes.sort(order)).toEqual([...local.routes].sort(order));
});

it('feeds the stream to the same consumers with the same settings', () => {
  expect(deployed.streamConsumers).toEqual(local.streamConsumers);
});

it('matches the same rule patterns to the same targets', () => {
  const expected = local.rules.map((rule) => ({
    name: rule.name,
    pattern: rule.pattern,
    target: [rule.target],
  }));

  expect(deployed.rules).toEqual(expected);
});

it('runs the same state machine definitions, exactly', () => {
  const expected = local.stateMachines.map((machine) => ({
    name: machine.name,
    definition: machine.definition,
    substitutions: Object.fromEntries(
      machine.tasks.map((task) => [task, task]),
    ),
  }));

  expect(deployed.stateMachines).toEqual(expected);
});

it('fires the same schedules', () => {
  expect(deployed.schedules).toEqual(local.schedules);
});
