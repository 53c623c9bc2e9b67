import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { blueprint } from '@rapport/blueprint';
import { LocalBus } from './bus/local-bus';
import { startApiServer } from './http/api-server';
import { startAwsEndpoint } from './http/aws-endpoint';
import { invokeFunction } from './lambda/invoke';
import { LocalStepFunctions } from './sfn/local-step-functions';
import { startStreamReader } from './stream/stream-reader';
import { ensureTable } from './table';
import { localTopology } from './topology';
import { ensureDevelopmentWorkspace } from './workspace';

export interface LocalStackOptions {
  /** Port of the HTTP API; 0 picks a free one. */
  port: number;
  tableName: string;
  dynamoEndpoint: string;
  sesEndpoint: string;
  /** How many times faster than real time waits pass. */
  timeScale: number;
  /** Keeps the stream checkpoints, execution journal and API key. */
  dataDir?: string;
  apiKey?: string;
  emailFrom?: string;
  log?: (entry: Record<string, unknown>) => void;
}

export interface LocalStack {
  apiUrl: string;
  apiKey: string;
  workspaceId: string;
  stepFunctions: LocalStepFunctions;
  /** Resolves once written events have reached the bus and its targets. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

export const busName = 'rapport-local';

/**
 * Points every AWS client of this process at the local stand-ins, with
 * dummy credentials, so that nothing here can reach an AWS account.
 */
export const configureEnvironment = (
  options: LocalStackOptions,
  awsEndpoint: string,
  machineArn: string,
) => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: awsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: options.dynamoEndpoint,
    AWS_ENDPOINT_URL_SESV2: options.sesEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: awsEndpoint,
    AWS_ENDPOINT_URL_SFN: awsEndpoint,
    TABLE_NAME: options.tableName,
    EVENT_BUS_NAME: busName,
    EVENT_SOURCE: blueprint.bus.source,
    SEQUENCE_STATE_MACHINE_ARN: machineArn,
    EMAIL_FROM: options.emailFrom ?? 'Rapport <hello@rapport.localhost>',
  });
};

/**
 * Brings up everything but DynamoDB Local and the SES emulator, which run
 * as their own services: the table, the local bus and Step Functions, the
 * stream readers and the HTTP API, all from the blueprint.
 */
export const startLocalStack = async (
  options: LocalStackOptions,
): Promise<LocalStack> => {
  const log = options.log ?? ((entry) => console.error(JSON.stringify(entry)));
  const topology = localTopology();
  const deadLetters = (kind: string, payload: unknown) => {
    if (!options.dataDir) return;
    appendFileSync(
      join(options.dataDir, 'dead-letters.jsonl'),
      `${JSON.stringify({ kind, at: new Date().toISOString(), payload })}\n`,
    );
  };
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });

  const stepFunctions = new LocalStepFunctions({
    timeScale: options.timeScale,
    journalFile: options.dataDir && join(options.dataDir, 'executions.json'),
    log,
  });
  const machineArns = topology.stateMachines.map((machine) =>
    stepFunctions.register({
      ...machine,
      definition: machine.definition as Record<string, unknown>,
    }),
  );
  const bus = new LocalBus({
    busName,
    rules: blueprint.rules,
    timeScale: options.timeScale,
    onDeadLetter: (rule, event, error) =>
      deadLetters('rule', { rule, event, error: String(error) }),
    log,
  });
  const awsEndpoint = await startAwsEndpoint({ bus, stepFunctions });
  configureEnvironment(options, awsEndpoint.url, machineArns[0] ?? '');

  const dynamoClient = new DynamoDBClient({});
  const streamArn = await ensureTable(
    dynamoClient,
    options.tableName,
    blueprint.table,
  );
  const { workspaceId, apiKey } = await ensureDevelopmentWorkspace({
    apiKey: options.apiKey,
    dataDir: options.dataDir,
  });

  const streamsClient = new DynamoDBStreamsClient({});
  const readers = blueprint.streamConsumers.map((consumer) =>
    startStreamReader({
      client: streamsClient,
      streamArn,
      consumer,
      handler: (event) => invokeFunction(consumer.function, event) as never,
      onFailure: (records, error) =>
        deadLetters('stream', {
          consumer: consumer.name,
          records,
          error: String(error),
        }),
      checkpointFile:
        options.dataDir &&
        join(
          options.dataDir,
          `stream-${options.tableName}-${consumer.name}.json`,
        ),
      log,
    }),
  );
  stepFunctions.resumeUnfinished();

  let ready = false;
  const api = await startApiServer({
    port: options.port,
    routes: blueprint.routes,
    intercept: (path) =>
      path === '/health' && !ready
        ? { status: 503, body: { status: 'starting' } }
        : undefined,
    log,
  });
  ready = true;

  return {
    apiUrl: api.url,
    apiKey,
    workspaceId,
    stepFunctions,
    drained: async () => {
      await Promise.all(readers.map((reader) => reader.drained()));
      await bus.drained();
    },
    stop: async () => {
      await api.stop();
      await Promise.all(readers.map((reader) => reader.stop()));
      await stepFunctions.stop();
      await bus.drained();
      await awsEndpoint.stop();
      streamsClient.destroy();
      dynamoClient.destroy();
    },
  };
};
