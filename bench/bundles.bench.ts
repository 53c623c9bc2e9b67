import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { blueprint, type FunctionName } from '@rapport/blueprint';
import { createWorkspace } from '@rapport/core';
import { eventSamples } from '@rapport/events';
import { startDynamoDbLocal } from '@rapport/local/services/dynamodb-local';
import { freePort } from '@rapport/local/services/port';
import { ensureTable } from '@rapport/local/table';
import { bundleBudgetBytes, bundleFunctions } from '../infra/bundle';
import { median, table } from './support';

/**
 * Every bundled handler: its size, and its cold start in a fresh Node
 * process (importing the bundle, then answering one realistic event that
 * reaches DynamoDB Local where the handler would reach DynamoDB).
 */
const runs = Number(process.env.BENCH_COLD_RUNS ?? 5);
const apiKey = 'rpk_bench_cold_start_key_0123456789';

const apiEvent = (routeKey: string) => {
  const [method = 'GET', path = '/'] =
    routeKey === '$default' ? ['GET', '/nowhere'] : routeKey.split(' ');
  const rawPath = path.replace('{id}', 'frm_missing');

  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: 'bench',
      authorization: `Bearer ${apiKey}`,
    },
    ...(path.includes('{id}') ? { pathParameters: { id: 'frm_missing' } } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench',
      domainPrefix: 'bench',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: 'bench',
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: method === 'POST' ? '{"email":"bench@example.com"}' : undefined,
    isBase64Encoded: false,
  };
};

const runnerInput = {
  workspaceId: 'ws_bench',
  enrollmentId: 'enr_bench',
  contactId: 'ct_bench',
  position: 0,
};

const eventFor = (name: FunctionName): unknown => {
  const route = blueprint.routes.find((r) => r.function === name);
  if (route) return apiEvent(route.routeKey);
  if (name === 'publishEvents') return { Records: [] };
  if (name === 'enrollInSequence') {
    return {
      version: '0',
      id: 'bench',
      'detail-type': 'form.submitted',
      source: 'rapport',
      detail: eventSamples['form.submitted'],
    };
  }

  return runnerInput;
};

const main = async () => {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const outDir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  try {
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      TABLE_NAME: 'bench',
      EVENT_BUS_NAME: 'bench',
      EVENT_SOURCE: 'rapport',
      EMAIL_FROM: 'bench@example.com',
      SEQUENCE_STATE_MACHINE_ARN:
        'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
    Object.assign(process.env, env);
    const client = new DynamoDBClient({});
    await ensureTable(client, 'bench', blueprint.table);
    client.destroy();
    // Authenticated requests, so each API handler reaches the table.
    await createWorkspace('Bench', { apiKey });

    const bundles = await bundleFunctions({ outDir });
    const rows = bundles.map((bundle) => {
      const eventFile = join(outDir, `${bundle.name}.event.json`);
      writeFileSync(eventFile, JSON.stringify(eventFor(bundle.name)));
      const samples = Array.from({ length: runs }, () => {
        const started = performance.now();
        const child = spawnSync(
          process.execPath,
          [join(import.meta.dirname, 'cold-start.mjs'), bundle.file, eventFile],
          { env, encoding: 'utf8' },
        );
        const wall = performance.now() - started;
        if (child.status !== 0)
          throw new Error(`${bundle.name}: ${child.stderr}`);

        return { ...JSON.parse(child.stdout), wall };
      });
      const budget = bundleBudgetBytes(bundle.name);

      return [
        bundle.name,
        (bundle.bytes / 1024).toFixed(1),
        budget ? (budget / 1024).toFixed(0) : '-',
        median(samples.map((s) => s.importMs)).toFixed(0),
        median(samples.map((s) => s.importMs + s.invokeMs)).toFixed(0),
        median(samples.map((s) => s.wall)).toFixed(0),
        String(samples[0]?.outcome),
      ];
    });

    console.log(
      `### Bundles and cold starts (median of ${runs} fresh processes, Node ${process.version})\n`,
    );
    console.log(
      table(
        [
          'function',
          'KB',
          'budget KB',
          'import ms',
          'import + first answer ms',
          'process wall ms',
          'answer',
        ],
        rows,
      ),
    );
    console.log('');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    await dynamo.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
