import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, isPortFree } from '@rapport/local/services/port';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/aws';

const root = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'rapport-start-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start`'s entry point as a person would, with its own ports. */
const start = (env: Record<string, string>) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/local/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        RAPPORT_DATA_DIR: dataDir,
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        ...env,
      },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => resolve(code)),
  );

  return { child, exited, output: () => output };
};

const ports = async () => ({
  PORT: String(await freePort()),
  RAPPORT_DYNAMODB_PORT: String(await freePort()),
  RAPPORT_SES_PORT: String(await freePort()),
});

const stop = async (run: {
  child: ChildProcess;
  exited: Promise<number | null>;
}) => {
  run.child.kill('SIGTERM');
  return run.exited;
};

describe('npm start', () => {
  it('serves the API, keeps data across a restart and stops cleanly on SIGTERM', async () => {
    const env = await ports();
    const api = `http://localhost:${env.PORT}`;
    const first = start(env);
    await eventually(
      async () => (first.output().includes('Press Ctrl-C') ? true : undefined),
      60_000,
    );
    const key = /API key:\s+(\S+)/.exec(first.output())?.[1];

    expect(first.output()).toContain(`API:       ${api}`);
    expect(first.output()).toContain(
      `Mailbox:   http://127.0.0.1:${env.RAPPORT_SES_PORT}/`,
    );
    expect((await fetch(`${api}/health`)).status).toBe(200);
    const created = await fetch(`${api}/v1/contacts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: 'kept@example.com' }),
    });
    expect(created.status).toBe(201);

    expect(await stop(first)).toBe(0);
    for (const port of Object.values(env))
      expect(await isPortFree(Number(port))).toBe(true);

    const second = start(env);
    await eventually(
      async () => (second.output().includes('Press Ctrl-C') ? true : undefined),
      60_000,
    );
    const found = await fetch(`${api}/v1/contacts?email=kept@example.com`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(((await found.json()) as { items: unknown[] }).items).toHaveLength(
      1,
    );
    expect(await stop(second)).toBe(0);
  }, 150_000);

  it('refuses a taken port with one sentence saying what to do', async () => {
    const env = await ports();
    const blocker = createServer().listen(Number(env.PORT), '127.0.0.1');

    const run = start(env);
    const code = await run.exited;
    blocker.close();

    expect(code).toBe(1);
    expect(run.output().trim()).toBe(
      `Port ${env.PORT} for the API is taken: stop what uses it or set PORT to a free port.`,
    );
  }, 60_000);

  it('says how to get Java when there is none', async () => {
    const env = await ports();

    const run = start({ ...env, PATH: join(root, 'node_modules/.bin') });
    const code = await run.exited;

    expect(code).toBe(1);
    expect(run.output()).toContain(
      'DynamoDB Local needs a Java 17 or newer runtime on the PATH',
    );
  }, 60_000);
});
