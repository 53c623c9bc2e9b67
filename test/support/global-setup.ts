import { startDynamoDbLocal } from '@rapport/local/services/dynamodb-local';
import { freePort } from '@rapport/local/services/port';
import { startSesLocal } from '@rapport/local/services/ses-local';
import type { TestProject } from 'vitest/node';

/**
 * One DynamoDB Local (in memory) and one SES emulator serve the whole run;
 * every test file makes its own table, so files never see each other's data.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesLocal({ port: await freePort() });

  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);

  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
