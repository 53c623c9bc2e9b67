import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { newId, newSecret, sha256 } from '../ids';
import { defaultPipelineSteps } from '../pipeline/default-pipeline';
import { keys } from '../table/keys';
import { transact } from '../table/transact';

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

/** API keys are stored only as their SHA-256; the key itself is shown once. */
export const newApiKey = () => newSecret('rpk');

/**
 * Makes a workspace, its first API key and its default sales pipeline in
 * one transaction. Passing a key
 * adopts it (the local stack keeps the same key across restarts).
 */
export const createWorkspace = async (
  name: string,
  options: { apiKey?: string; workspaceId?: string } = {},
): Promise<{ workspace: Workspace; apiKey: string }> => {
  const workspace: Workspace = {
    id: options.workspaceId ?? newId('ws'),
    name,
    createdAt: new Date().toISOString(),
  };
  const apiKey = options.apiKey ?? newApiKey();

  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: {
            ...keys.workspace(workspace.id),
            entity: 'Workspace',
            ...workspace,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    {
      write: {
        Put: {
          TableName: '',
          Item: {
            ...keys.apiKey(sha256(apiKey)),
            entity: 'ApiKey',
            workspaceId: workspace.id,
            createdAt: workspace.createdAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    ...defaultPipelineSteps(workspace.id, new Date(workspace.createdAt)),
  ]);

  return { workspace, apiKey };
};

export const readWorkspace = async (
  workspaceId: string,
): Promise<Workspace | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.workspace(workspaceId),
    }),
  );

  return Item
    ? { id: Item.id, name: Item.name, createdAt: Item.createdAt }
    : undefined;
};

const cacheMs = 60_000;
const resolved = new Map<string, { workspaceId?: string; until: number }>();

/**
 * The workspace an API key belongs to, or undefined. Answers are cached for a
 * minute per warm function, so a burst of requests costs one read.
 */
export const workspaceForApiKey = async (
  apiKey: string,
): Promise<string | undefined> => {
  const hash = sha256(apiKey);
  const cached = resolved.get(hash);
  if (cached && cached.until > Date.now()) return cached.workspaceId;

  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.apiKey(hash) }),
  );
  const workspaceId = Item?.workspaceId as string | undefined;
  if (resolved.size > 1000) resolved.clear();
  resolved.set(hash, { workspaceId, until: Date.now() + cacheMs });

  return workspaceId;
};

/** Adds an API key to a workspace; adding a key it already has is a no-op. */
export const registerApiKey = async (
  workspaceId: string,
  apiKey: string,
): Promise<void> => {
  const key = keys.apiKey(sha256(apiKey));
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key }),
  );
  if (Item?.workspaceId === workspaceId) return;
  if (Item) throw new Error('This API key belongs to another workspace');

  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...key,
        entity: 'ApiKey',
        workspaceId,
        createdAt: new Date().toISOString(),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
};
