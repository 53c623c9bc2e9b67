import { join } from 'node:path';
import { startDynamoDbLocal } from './services/dynamodb-local';
import { isPortFree } from './services/port';
import { startSesLocal } from './services/ses-local';
import { StartupError } from './services/startup-error';
import { readSettings } from './settings';
import { startLocalStack } from './stack';

/** `npm start`: the whole of Rapport on this machine, until Ctrl-C. */
const main = async () => {
  const settings = readSettings();
  if (!(await isPortFree(settings.PORT))) {
    throw new StartupError(
      `Port ${settings.PORT} for the API is taken: stop what uses it or set PORT to a free port.`,
    );
  }
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping Rapport…');
      void stopAll().then(() => process.exit(0));
    });
  }

  try {
    const dynamo = await startDynamoDbLocal({
      port: settings.RAPPORT_DYNAMODB_PORT,
      dataDir: join(settings.RAPPORT_DATA_DIR, 'dynamodb'),
    });
    stoppers.push(dynamo.stop);
    const ses = await startSesLocal({ port: settings.RAPPORT_SES_PORT });
    stoppers.push(ses.stop);
    const stack = await startLocalStack({
      port: settings.PORT,
      tableName: 'rapport',
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      timeScale: settings.RAPPORT_TIME_SCALE,
      dataDir: settings.RAPPORT_DATA_DIR,
      apiKey: settings.RAPPORT_API_KEY,
      emailFrom: settings.RAPPORT_EMAIL_FROM,
    });
    stoppers.push(stack.stop);

    console.log(
      [
        'Rapport is running.',
        `  API:       ${stack.apiUrl}  (GET /health)`,
        `  Mailbox:   ${ses.endpoint}/  (every email sent)`,
        `  API key:   ${stack.apiKey}`,
        `  Data:      ${settings.RAPPORT_DATA_DIR}`,
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
