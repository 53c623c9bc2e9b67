import { createHmac, timingSafeEqual } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { DomainError } from '../errors';
import { newSecret } from '../ids';
import { keys } from '../table/keys';
import { transact } from '../table/transact';

const secrets = new Map<string, string>();

const readSecret = async (workspaceId: string) => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.trackingSecret(workspaceId),
      ConsistentRead: true,
    }),
  );

  return Item?.secret as string | undefined;
};

/**
 * The workspace's tracking secret, made on first use. Made only for a
 * workspace that exists, so a public request naming a made-up workspace
 * writes nothing; two first uses at once agree on one secret.
 */
export const trackingSecret = async (workspaceId: string): Promise<string> => {
  const cached = secrets.get(workspaceId);
  if (cached) return cached;

  let secret = await readSecret(workspaceId);
  if (!secret) {
    const made = newSecret('rts');
    try {
      await transact([
        {
          write: {
            ConditionCheck: {
              TableName: '',
              Key: keys.workspace(workspaceId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          onConditionFailed: () =>
            new DomainError(
              404,
              'workspace.not_found',
              `No workspace has the id ${workspaceId}.`,
              [{ path: 'w', message: 'No workspace has this id' }],
            ),
        },
        {
          write: {
            Put: {
              TableName: '',
              Item: {
                ...keys.trackingSecret(workspaceId),
                entity: 'TrackingSecret',
                workspaceId,
                secret: made,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
      ]);
      secret = made;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      secret = await readSecret(workspaceId);
      if (!secret) throw error;
    }
  }
  secrets.set(workspaceId, secret);

  return secret;
};

const signature = (secret: string, workspaceId: string, contactId: string) =>
  createHmac('sha256', secret)
    .update(`${workspaceId}.${contactId}`)
    .digest('base64url')
    .slice(0, 32);

/**
 * The signed identifier (`rid`) that ties a visitor to a contact:
 * `<workspaceId>.<contactId>.<signature>`. Rapport appends it to a form's
 * redirect and to the web links of sequence emails.
 */
export const trackingId = async (
  workspaceId: string,
  contactId: string,
): Promise<string> =>
  `${workspaceId}.${contactId}.${signature(
    await trackingSecret(workspaceId),
    workspaceId,
    contactId,
  )}`;

/**
 * The contact a tracking identifier names, if its signature holds for the
 * workspace; a forged or altered one names nobody.
 */
export const verifyTrackingId = async (
  workspaceId: string,
  rid: string,
): Promise<string | undefined> => {
  const [ridWorkspace, contactId, given] = rid.split('.');
  if (ridWorkspace !== workspaceId || !contactId || !given) return undefined;

  const expected = Buffer.from(
    signature(await trackingSecret(workspaceId), workspaceId, contactId),
  );
  const actual = Buffer.from(given);

  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? contactId
    : undefined;
};

/** A redirect address with the contact's tracking identifier added. */
export const withTrackingId = async (
  address: string,
  workspaceId: string,
  contactId: string,
): Promise<string> => {
  const url = new URL(address);
  url.searchParams.set('rid', await trackingId(workspaceId, contactId));

  return url.toString();
};
