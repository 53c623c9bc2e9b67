import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process, one
 * after another (they would skew each other's figures), and prints their
 * tables. `npm run bench -- capture` runs only the benches whose file name
 * contains "capture".
 */
const only = process.argv.slice(2);
const benches = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter(
    (file) => only.length === 0 || only.some((name) => file.includes(name)),
  )
  .sort();

console.log(`# Rapport benchmarks, ${new Date().toISOString()}\n`);
let failed = 0;
for (const file of benches) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, file)],
    { stdio: 'inherit' },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed after ${seconds} s`);
  } else {
    console.log(`(${file}: ${seconds} s)\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
