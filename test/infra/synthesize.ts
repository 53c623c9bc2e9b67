import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Blueprint, FunctionName } from '@rapport/blueprint';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RapportStack } from '../../infra/rapport-stack';

export interface SynthesizeOptions {
  bundleDir: string;
  blueprint?: Blueprint<FunctionName>;
}

const made: string[] = [];

/** A fresh folder under the system's temporary directory. */
export const temporaryDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `rapport-infra-${prefix}-`));
  made.push(dir);

  return dir;
};

/** Removes the folders `temporaryDir` made: bundles and assemblies. */
export const removeTemporaryDirs = (): void => {
  for (const dir of made.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Synthesizes Rapport's stack from bundles already made, into a temp dir. */
export const synthesize = (options: SynthesizeOptions): Template => {
  const app = new App({ outdir: temporaryDir('cdk-out') });
  const stack = new RapportStack(app, 'RapportTest', {
    bundleDir: options.bundleDir,
    emailFrom: 'hello@example.com',
    blueprint: options.blueprint,
  });

  return Template.fromStack(stack);
};
