import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { keys } from '../table/keys';
import { type ActivityTimes, activityWindows } from './scoring.compute';
import type { Scoring, ScoringRule } from './scoring.schema';

/** The clock scores are computed against; tests move it. */
export const scoringClock = { now: (): Date => new Date() };

/** How long a warm function trusts the rules it read. */
export const rulesCacheMs = 30_000;

const cache = new Map<string, { scoring: Scoring; readAt: number }>();

const noRules: Scoring = { rules: [], version: 0, updatedAt: null };

export const readScoring = async (workspaceId: string): Promise<Scoring> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.scoringRules(workspaceId),
      ConsistentRead: true,
    }),
  );
  // The rules were checked by `scoringPutSchema` when written; reading them
  // back without their schemas keeps them out of every contact writer.
  const scoring: Scoring = Item
    ? {
        rules: Item.rules as ScoringRule[],
        version: Number(Item.version),
        updatedAt: typeof Item.updatedAt === 'string' ? Item.updatedAt : null,
      }
    : noRules;
  cache.set(workspaceId, { scoring, readAt: Date.now() });

  return scoring;
};

/** The rules, from this function's cache when read in the last 30 s. */
export const cachedRules = async (
  workspaceId: string,
): Promise<ScoringRule[]> => {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.readAt < rulesCacheMs) return hit.scoring.rules;

  return (await readScoring(workspaceId)).rules;
};

/** Remembers rules this function just wrote. */
export const rememberScoring = (workspaceId: string, scoring: Scoring) => {
  cache.set(workspaceId, { scoring, readAt: Date.now() });
};

/**
 * When the contact's activities of each type the rules count happened,
 * within the widest window: one query per type, reading only the stamps
 * inside the window.
 */
export const readActivityTimes = async (
  workspaceId: string,
  contactId: string,
  rules: readonly ScoringRule[],
  now: Date,
): Promise<ActivityTimes> => {
  const times: ActivityTimes = new Map();
  for (const [type, days] of activityWindows(rules)) {
    const prefix = keys.activityStampPrefix(type);
    const from = new Date(now.getTime() - days * 86_400_000).toISOString();
    const found: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
          ExpressionAttributeValues: {
            ':pk': keys.contact(workspaceId, contactId).pk,
            ':low': `${prefix}${from}`,
            ':high': `${prefix}~`,
          },
          ProjectionExpression: 'occurredAt',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        found.push(String(item.occurredAt));
      }
      start = page.LastEvaluatedKey;
    } while (start);
    times.set(type, found);
  }

  return times;
};
