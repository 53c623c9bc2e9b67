import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { blueprint } from '@rapport/blueprint';
import { createWorkspace } from '@rapport/core';
import { configureEnvironment } from '@rapport/local/stack';
import { ensureTable } from '@rapport/local/table';
import { inject } from 'vitest';

/**
 * Gives a test file its own table in the shared DynamoDB Local, with every
 * AWS client of the process pointed at loopback, and a workspace in it.
 */
export const useTestTable = async () => {
  const tableName = `test-${randomUUID()}`;
  configureEnvironment(
    {
      port: 0,
      tableName,
      dynamoEndpoint: inject('dynamoEndpoint'),
      sesEndpoint: inject('sesEndpoint'),
      timeScale: 1,
    },
    'http://127.0.0.1:9',
    'arn:aws:states:us-east-1:000000000000:stateMachine:SequenceRunner',
  );
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName, blueprint.table);
  client.destroy();
  const { workspace } = await createWorkspace('Test');

  return { tableName, workspaceId: workspace.id };
};

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/** Emails the SES emulator holds for one recipient, oldest first. */
export const emailsTo = async (address: string): Promise<SentEmail[]> => {
  const response = await fetch(`${inject('sesEndpoint')}/store`);
  const { emails } = (await response.json()) as { emails: SentEmail[] };

  return emails.filter((email) => email.destination.to.includes(address));
};

/** Polls until `check` answers a value, or fails after `timeoutMs`. */
export const eventually = async <T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

export const uniqueEmail = (name = 'person') =>
  `${name}.${randomUUID().slice(0, 8)}@example.com`;
