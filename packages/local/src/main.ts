import { join, resolve } from 'node:path';
import {
  forgetDynamoDbPid,
  lockDataDir,
  prepareDataDir,
  recordDynamoDbPid,
  stopOrphanedDynamoDb,
} from './services/data-dir';
import { startDynamoDbLocal } from './services/dynamodb-local';
import { isPortFree } from './services/port';
import { startSesLocal } from './services/ses-local';
import { StartupError } from './services/startup-error';
import { readSettings } from './settings';
import { startLocalStack } from './stack';

/** `npm start`: the whole of Rapport on this machine, until Ctrl-C. */
const main = async () => {
  const settings = readSettings();
  // Java runs in another directory: it must get an absolute path.
  const dataDir = resolve(settings.RAPPORT_DATA_DIR);
  const dbPath = join(dataDir, 'dynamodb');
  const stoppers: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse())
      await Promise.resolve()
        .then(stop)
        .catch(() => undefined);
  };

  // A closed terminal or a parent that is gone must not crash the stop.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', () => undefined);

  try {
    prepareDataDir(dataDir);
    const unlock = lockDataDir(dataDir);
    process.once('exit', unlock);
    stoppers.push(unlock);
    await stopOrphanedDynamoDb(dataDir, dbPath);
    if (!(await isPortFree(settings.PORT))) {
      throw new StartupError(
        `Port ${settings.PORT} for the API is taken: stop what uses it or set PORT to a free port.`,
      );
    }

    let stopping = false;
    const shutdown = () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping Rapport…');
      void stopAll().then(() => process.exit(0));
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, shutdown);
    // Whoever started us (npm, a terminal) may die without a signal for us:
    // once we are someone else's child, stop rather than live on unseen.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown();
    }, 1_000).unref();

    const dynamo = await startDynamoDbLocal({
      port: settings.RAPPORT_DYNAMODB_PORT,
      dataDir: dbPath,
    });
    recordDynamoDbPid(dataDir, dynamo.pid);
    stoppers.push(async () => {
      await dynamo.stop();
      forgetDynamoDbPid(dataDir);
    });
    const ses = await startSesLocal({ port: settings.RAPPORT_SES_PORT });
    stoppers.push(ses.stop);
    const stack = await startLocalStack({
      port: settings.PORT,
      tableName: 'rapport',
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      timeScale: settings.RAPPORT_TIME_SCALE,
      dataDir,
      apiKey: settings.RAPPORT_API_KEY,
      emailFrom: settings.RAPPORT_EMAIL_FROM,
    });
    stoppers.push(stack.stop);

    console.log(
      [
        'Rapport is running.',
        `  API:       ${stack.apiUrl}  (GET /health)`,
        `  Mailbox:   ${ses.endpoint}/  (every email sent since the stack started)`,
        `  API key:   ${stack.apiKey}`,
        `  Data:      ${dataDir}`,
        `  Time:      ${settings.RAPPORT_TIME_SCALE}x`,
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
};

main().catch((error: Error) => {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
});
