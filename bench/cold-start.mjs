// Runs in a fresh Node process: imports one bundle, answers one event, and
// prints how long each part took. Used by bundles.bench.ts.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: 'bench',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 10_000,
};

const t0 = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
let outcome;
try {
  const result = await handler(event, context);
  outcome = result?.statusCode ?? 'ok';
} catch (error) {
  outcome = `threw ${error.name}`;
}
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1, outcome }),
);
