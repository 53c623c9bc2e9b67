import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blueprint, type FunctionName } from '@rapport/blueprint';
import { type BuildOptions, build, buildSync } from 'esbuild';

export const repositoryRoot = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
);

/** Where `npm run build` and the CDK app put one folder per function. */
export const defaultOutDir = join(repositoryRoot, 'dist', 'functions');

/** The size an API handler's bundle must stay under, AWS SDK included. */
export const apiBundleLimitBytes = 300 * 1024;

export interface BundleOptions {
  outDir?: string;
}

export interface FunctionBundle {
  name: FunctionName;
  file: string;
  bytes: number;
}

// Some CommonJS dependencies call `require` for Node built-ins; an ES module
// has none, so each bundle makes one for them.
const requireBanner = [
  "import { createRequire as rapportCreateRequire } from 'node:module';",
  'const require = rapportCreateRequire(import.meta.url);',
].join('\n');

const functionNames = Object.keys(blueprint.functions) as FunctionName[];

const bundleFile = (outDir: string, name: FunctionName): string =>
  join(outDir, name, 'index.mjs');

// One esbuild run makes every bundle, in parallel: `<name>/index.mjs`.
const buildOptions = (outDir: string): BuildOptions => ({
  entryPoints: Object.fromEntries(
    functionNames.map((name) => [
      `${name}/index`,
      join(repositoryRoot, blueprint.functions[name].entry),
    ]),
  ),
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  treeShaking: true,
  sourcemap: 'linked',
  mainFields: ['module', 'main'],
  banner: { js: requireBanner },
  legalComments: 'linked',
  alias: {
    '@aws-sdk/credential-provider-node': join(
      repositoryRoot,
      'infra/lambda-credentials.ts',
    ),
  },
  logLevel: 'warning',
});

const describe = (outDir: string, name: FunctionName): FunctionBundle => {
  const file = bundleFile(outDir, name);

  return { name, file, bytes: statSync(file).size };
};

/** Bundles every blueprint function with esbuild, one folder each. */
export const bundleFunctions = async (
  options: BundleOptions = {},
): Promise<FunctionBundle[]> => {
  const outDir = options.outDir ?? defaultOutDir;

  await build(buildOptions(outDir));

  return functionNames.map((name) => describe(outDir, name));
};

/** The same as `bundleFunctions`, for the CDK app, which cannot await. */
export const bundleFunctionsSync = (
  options: BundleOptions = {},
): FunctionBundle[] => {
  const outDir = options.outDir ?? defaultOutDir;

  buildSync(buildOptions(outDir));

  return functionNames.map((name) => describe(outDir, name));
};

/** Whether a function serves HTTP routes, and so has a size budget. */
export const isApiHandler = (name: FunctionName): boolean =>
  blueprint.functions[name].entry.startsWith('functions/http/');

/** The bytes a function's bundle may reach; API handlers have a budget. */
export const bundleBudgetBytes = (name: FunctionName): number | undefined => {
  const declared = blueprint.functions[name].bundleBudgetKb;
  if (declared !== undefined) return declared * 1024;

  return isApiHandler(name) ? apiBundleLimitBytes : undefined;
};

const report = (bundles: FunctionBundle[]): void => {
  const width = Math.max(...bundles.map((bundle) => bundle.name.length));

  for (const bundle of bundles) {
    const size = `${(bundle.bytes / 1024).toFixed(1)} KB`.padStart(9);
    const budget = bundleBudgetBytes(bundle.name);
    const over = budget !== undefined && bundle.bytes > budget;
    const note = over ? `  over its ${budget / 1024} KB budget` : '';

    console.log(`${bundle.name.padEnd(width)} ${size}${note}`);
  }
  console.log(`→ ${relative(process.cwd(), defaultOutDir)}`);
};

const runAsScript =
  process.argv[1] !== undefined &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (runAsScript) report(await bundleFunctions());
