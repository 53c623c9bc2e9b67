import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
const start = (env: Record<string, string>, viaNpm = false) => {
  const child = spawn(
    viaNpm ? 'npm' : process.execPath,
    viaNpm ? ['start'] : ['--import', 'tsx', 'packages/local/src/main.ts'],
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

const running = (run: { output(): string }) =>
  eventually(
    async () => (run.output().includes('Press Ctrl-C') ? true : undefined),
    60_000,
  );

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Java processes running DynamoDB Local on the data directory `dir`. */
const dynamoDbsOn = (dir: string) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return (
          argv.some((arg) => arg.endsWith('DynamoDBLocal.jar')) &&
          argv.includes(join(dir, 'dynamodb'))
        );
      } catch {
        return false;
      }
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

    const intruder = start(await ports());
    expect(await intruder.exited).toBe(1);
    expect(intruder.output().trim()).toBe(
      `Another Rapport (pid ${first.child.pid}) is using ${dataDir}: stop it or set RAPPORT_DATA_DIR to another directory.`,
    );
    expect((await fetch(`${api}/health`)).status).toBe(200);

    expect(await stop(first)).toBe(0);
    for (const port of Object.values(env))
      expect(await isPortFree(Number(port))).toBe(true);
    expect(existsSync(join(dataDir, 'rapport.pid'))).toBe(false);

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

  it('after kill -9 stops the DynamoDB Local left behind and starts again', async () => {
    const env = await ports();
    const killed = start(env);
    await running(killed);
    const java = Number(
      readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8'),
    );
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(isAlive(java)).toBe(true);

    const next = start(env);
    await running(next);

    expect(isAlive(java)).toBe(false);
    expect(dynamoDbsOn(dataDir)).toHaveLength(1);
    expect((await fetch(`http://localhost:${env.PORT}/health`)).status).toBe(
      200,
    );
    expect(await stop(next)).toBe(0);
    expect(dynamoDbsOn(dataDir)).toEqual([]);
  }, 150_000);

  it('stops everything when npm itself gets SIGTERM', async () => {
    const env = await ports();
    const ownDir = mkdtempSync(join(tmpdir(), 'rapport-npm-'));
    const run = start({ ...env, RAPPORT_DATA_DIR: ownDir }, true);
    try {
      await running(run);
      expect(dynamoDbsOn(ownDir)).toHaveLength(1);

      run.child.kill('SIGTERM');

      await eventually(async () => {
        for (const port of Object.values(env))
          if (!(await isPortFree(Number(port)))) return undefined;
        return dynamoDbsOn(ownDir).length === 0 ? true : undefined;
      }, 15_000);
    } finally {
      for (const pid of dynamoDbsOn(ownDir))
        process.kill(Number(pid), 'SIGKILL');
      rmSync(ownDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('stops everything when whatever started it dies without a signal for it', async () => {
    const env = await ports();
    const ownDir = mkdtempSync(join(tmpdir(), 'rapport-orphan-'));
    // `; true` keeps the shell as node's parent; SIGKILL gives node no signal.
    const shell = spawn(
      'sh',
      [
        '-c',
        `"${process.execPath}" --import tsx packages/local/src/main.ts; true`,
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          RAPPORT_DATA_DIR: ownDir,
          POWERTOOLS_LOG_LEVEL: 'ERROR',
        },
      },
    );
    let output = '';
    shell.stdout.on('data', (chunk) => {
      output += chunk;
    });
    try {
      await running({ output: () => output });

      shell.kill('SIGKILL');

      await eventually(async () => {
        for (const port of Object.values(env))
          if (!(await isPortFree(Number(port)))) return undefined;
        if (dynamoDbsOn(ownDir).length > 0) return undefined;
        return existsSync(join(ownDir, 'rapport.pid')) ? undefined : true;
      }, 15_000);
    } finally {
      for (const pid of dynamoDbsOn(ownDir))
        process.kill(Number(pid), 'SIGKILL');
      rmSync(ownDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('takes over the lock of a Rapport that is gone', async () => {
    const env = await ports();
    writeFileSync(join(dataDir, 'rapport.pid'), '999999999\n');

    const run = start(env);
    await running(run);

    expect(readFileSync(join(dataDir, 'rapport.pid'), 'utf8').trim()).toBe(
      String(run.child.pid),
    );
    expect(await stop(run)).toBe(0);
  }, 120_000);

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a port number from 1 to 65535, not "abc".'],
    [
      { RAPPORT_API_KEY: 'short' },
      'RAPPORT_API_KEY must be 16 characters or more.',
    ],
    [
      { RAPPORT_DATA_DIR: join(root, 'package.json', 'data') },
      `RAPPORT_DATA_DIR ${join(root, 'package.json', 'data')} cannot be used: a part of its path is a file, not a directory; set RAPPORT_DATA_DIR to another directory.`,
    ],
  ])(
    'refuses %j with one sentence',
    async (settings, sentence) => {
      const run = start({ ...(await ports()), ...settings });

      expect(await run.exited).toBe(1);
      expect(run.output().trim()).toBe(sentence);
    },
    60_000,
  );
});
