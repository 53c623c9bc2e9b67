import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  apiBundleLimitBytes,
  bundleBudgetBytes,
  bundleFunctions,
  type FunctionBundle,
  isApiHandler,
} from '../../infra/bundle';
import { removeTemporaryDirs, temporaryDir } from './synthesize';

let bundles: FunctionBundle[];

beforeAll(async () => {
  bundles = await bundleFunctions({ outDir: temporaryDir('bundles') });
}, 120_000);

afterAll(removeTemporaryDirs);

const apiBundles = () => bundles.filter((bundle) => isApiHandler(bundle.name));

it('keeps each API handler bundle within its budget, AWS SDK included', () => {
  const over = apiBundles()
    .filter((bundle) => bundle.bytes > (bundleBudgetBytes(bundle.name) ?? 0))
    .map((bundle) => `${bundle.name}: ${bundle.bytes} bytes`);

  expect(over).toEqual([]);
});

it('holds every API handler but those carrying the template or phone parser to 300 KB', () => {
  const raised = apiBundles()
    .filter((bundle) => bundleBudgetBytes(bundle.name) !== apiBundleLimitBytes)
    .map((bundle) => bundle.name);

  expect(raised.sort()).toEqual([
    'contactCreate',
    'contactUpdate',
    'customFieldCreate',
    'customFieldUpdate',
    'formSubmit',
    'openApi',
    'sequenceCreate',
  ]);
});

// Import statements as esbuild writes them, each at the start of a statement
// (`import{a as b}from"y"`, `import*as x from"y"`, `import"y"`), and
// dynamic imports, `import("y")`. Error messages that quote an import
// (the AWS SDK has some) stand mid-statement and are not matched.
const importSpecifiers =
  /(?:^|[;}\n])import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from)?\s*"([^"]+)"|\bimport\("([^"]+)"\)/g;

it('imports nothing at run time but Node built-ins', () => {
  const imported = bundles.flatMap((bundle) =>
    [...readFileSync(bundle.file, 'utf8').matchAll(importSpecifiers)]
      .map((match) => match[1] ?? match[2] ?? '')
      .filter((specifier) => !isBuiltin(specifier))
      .map((specifier) => `${bundle.name}: ${specifier}`),
  );

  expect(imported).toEqual([]);
});

it('gives CommonJS dependencies a require function', () => {
  for (const bundle of bundles) {
    const code = readFileSync(bundle.file, 'utf8');

    expect(code.startsWith('import { createRequire as')).toBe(true);
  }
});

it('links a source map beside each bundle', () => {
  for (const bundle of bundles) {
    const code = readFileSync(bundle.file, 'utf8');

    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(
      true,
    );
    expect(existsSync(`${bundle.file}.map`)).toBe(true);
  }
});
