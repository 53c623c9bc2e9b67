import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, Contact } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { scoreIndexChanges } from '../contact/contact.index';
import {
  contactFromItem,
  contactItem,
  readContact,
} from '../contact/contact.store';
import { DomainError } from '../errors';
import { appendEvent, buildEvent } from '../event/event.item';
import { keys } from '../table/keys';
import {
  isTransactionConflict,
  type TransactionStep,
  transact,
} from '../table/transact';
import { computeScore, type ScoreResult } from './scoring.compute';
import type { Scoring, ScoringPut } from './scoring.schema';
import {
  cachedRules,
  readActivityTimes,
  readScoring,
  rememberScoring,
  scoringClock,
} from './scoring.store';

export type ScoreCause = 'contact' | 'activity' | 'expiry' | 'rules';

const system: Actor = { type: 'system' };

/** A contact's score now, from the workspace's (cached) rules. */
export const scoreOf = async (
  workspaceId: string,
  contact: Contact,
  now: Date = scoringClock.now(),
): Promise<ScoreResult> => {
  const rules = await cachedRules(workspaceId);
  if (rules.length === 0) return { score: 0, expiresAt: null, reasons: [] };
  const times = await readActivityTimes(workspaceId, contact.id, rules, now);

  return computeScore(contact, rules, times, now);
};

/**
 * Settles the score of a contact about to be written: sets `score` and
 * `scoreExpiresAt` on it and answers why. The caller passes the answer to
 * `createSteps`/`updateSteps`, which write it in the contact's transaction.
 */
export const applyScore = async (
  workspaceId: string,
  next: Contact,
): Promise<ScoreResult> => {
  const result = await scoreOf(workspaceId, next);
  next.score = result.score;
  next.scoreExpiresAt = result.expiresAt;

  return result;
};

/** `contact.score_changed`, when the score really moved. */
export const scoreEventSteps = (
  workspaceId: string,
  before: Contact | null,
  after: Contact,
  result: ScoreResult,
  cause: ScoreCause,
  actor: Actor,
  at: Date,
): TransactionStep[] => {
  const from = before?.score ?? 0;
  if (from === after.score) return [];

  return [
    appendEvent(
      buildEvent({
        type: 'contact.score_changed',
        workspaceId,
        contactId: after.id,
        actor,
        at,
        data: {
          from,
          to: after.score,
          reasons: result.reasons,
          cause,
          version: after.version,
        },
      }),
    ),
  ];
};

class StaleContact extends Error {}

/**
 * Re-scores one stored contact and writes the change, if any, with its
 * event: conditioned on the version it read, and read again and retried
 * when a concurrent write got there first. `always` also rewrites the
 * contact's score-list entry (used when rules change, so that contacts
 * stored before scoring existed join the list).
 */
export const rescoreContact = async (
  workspaceId: string,
  contactId: string,
  cause: ScoreCause,
  options: { now?: Date; known?: Contact; always?: boolean } = {},
): Promise<boolean> => {
  let known = options.known;
  for (let attempt = 1; ; attempt += 1) {
    const current = known ?? (await readContact(workspaceId, contactId));
    known = undefined;
    if (!current) return false;
    const now = options.now ?? scoringClock.now();
    const result = await scoreOf(workspaceId, current, now);
    const moved = result.score !== current.score;
    const dueMoved = result.expiresAt !== (current.scoreExpiresAt ?? null);
    if (!moved && !dueMoved && !options.always) return false;

    const next: Contact = {
      ...current,
      score: result.score,
      scoreExpiresAt: result.expiresAt,
      // Only a new score is a new version; a new expiry time is bookkeeping.
      version: moved ? current.version + 1 : current.version,
    };
    try {
      await transact([
        {
          write: {
            Put: {
              TableName: '',
              Item: contactItem(workspaceId, next),
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': current.version },
            },
          },
          onConditionFailed: () => new StaleContact(),
        },
        ...scoreIndexChanges(workspaceId, current, next, options.always),
        ...scoreEventSteps(
          workspaceId,
          current,
          next,
          result,
          cause,
          system,
          now,
        ),
      ]);

      return moved;
    } catch (error) {
      const retry =
        error instanceof StaleContact || isTransactionConflict(error);
      if (!retry || attempt >= 6) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * 10 * 2 ** attempt),
      );
    }
  }
};

/** After an activity changed: re-scores each contact it was linked to. */
export const rescoreAfterActivity = async (
  workspaceId: string,
  contactIds: readonly string[],
): Promise<void> => {
  const rules = await cachedRules(workspaceId);
  if (!rules.some((rule) => rule.kind === 'activity')) return;
  for (const contactId of new Set(contactIds)) {
    await rescoreContact(workspaceId, contactId, 'activity');
  }
};

/** How many days back the daily re-score looks for missed expiries. */
export const dueLookbackDays = 7;

/**
 * The daily re-score: reads only the contacts whose activity points
 * expired by `now` (their due entries for the last week's days) and
 * re-scores each one.
 */
export const rescoreExpired = async (
  now: Date = scoringClock.now(),
): Promise<{ examined: number; changed: number }> => {
  let examined = 0;
  let changed = 0;
  for (let back = dueLookbackDays; back >= 0; back -= 1) {
    const day = new Date(now.getTime() - back * 86_400_000)
      .toISOString()
      .slice(0, 10);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'pk = :pk AND sk <= :high',
          ExpressionAttributeValues: {
            ':pk': keys.scoreDueDay(day),
            ':high': `${now.toISOString()}~`,
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        examined += 1;
        const workspaceId = String(item.workspaceId);
        const contactId = String(item.contactId);
        const gone = !(await readContact(workspaceId, contactId));
        if (gone) {
          await transact([
            {
              write: {
                Delete: {
                  TableName: '',
                  Key: keys.scoreDue(
                    workspaceId,
                    contactId,
                    String(item.expiresAt),
                  ),
                },
              },
            },
          ]);
          continue;
        }
        if (await rescoreContact(workspaceId, contactId, 'expiry', { now })) {
          changed += 1;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }

  return { examined, changed };
};

export const getScoring = (workspaceId: string): Promise<Scoring> =>
  readScoring(workspaceId);

/** How long a request spends re-scoring before the schedule takes over. */
export const rescoreBudgetMs = 20_000;

export interface RescoreOptions {
  /** Time to spend before leaving the rest to the schedule. */
  budgetMs?: number;
  /** Contacts read from the listing per page. */
  pageSize?: number;
}

export interface RescoreProgress {
  rescored: number;
  examined: number;
  /** False when the schedule finishes the re-score. */
  complete: boolean;
}

const pendingItem = (
  workspaceId: string,
  rulesVersion: number,
  after: string | null,
) => ({
  ...keys.scoreRescore(workspaceId),
  entity: 'ScoreRescore',
  workspaceId,
  rulesVersion,
  after,
});

/**
 * Walks the workspace's contact listing from `after`, re-scoring each
 * contact, until the listing ends or the budget is spent. Progress is kept
 * on the workspace's pending re-score entry, conditioned on the rules
 * version, so a walk for rules since replaced stops at its next page.
 */
const walkRescore = async (
  workspaceId: string,
  rulesVersion: number,
  after: string | null,
  options: RescoreOptions,
): Promise<RescoreProgress> => {
  const until = Date.now() + (options.budgetMs ?? rescoreBudgetMs);
  const progress = { examined: 0, rescored: 0, complete: false };
  let start: Record<string, unknown> | undefined = after
    ? {
        ...keys.contact(workspaceId, after),
        ...keys.contactListing(workspaceId, after),
      }
    : undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.contactListing(workspaceId, '').gsi1pk,
        },
        ExclusiveStartKey: start,
        Limit: options.pageSize ?? 100,
      }),
    );
    let last: string | null = null;
    for (const item of page.Items ?? []) {
      progress.examined += 1;
      const known = contactFromItem(item);
      last = known.id;
      const moved = await rescoreContact(workspaceId, known.id, 'rules', {
        known,
        always: item.score === undefined,
      });
      if (moved) progress.rescored += 1;
    }
    start = page.LastEvaluatedKey;
    const done = !start;
    try {
      const condition = {
        TableName: tableName(),
        ConditionExpression: 'rulesVersion = :v',
        ExpressionAttributeValues: { ':v': rulesVersion },
      };
      if (done) {
        await dynamo().send(
          new DeleteCommand({
            ...condition,
            Key: keys.scoreRescore(workspaceId),
          }),
        );
      } else {
        await dynamo().send(
          new PutCommand({
            ...condition,
            Item: pendingItem(workspaceId, rulesVersion, last),
          }),
        );
      }
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') {
        throw error;
      }
      // Newer rules took over; their own walk re-scores everyone.
      return { ...progress, complete: true };
    }
    if (done) return { ...progress, complete: true };
  } while (Date.now() < until);

  return progress;
};

/**
 * Replaces the workspace's rules, then re-scores its contacts: in the
 * request while its budget lasts (one read of the contact listing on gsi1,
 * one transaction per contact whose score moves), the rest by the
 * `ContinueRescores` schedule, which resumes from the pending entry the
 * rules' transaction wrote.
 */
export const putScoring = async (
  workspaceId: string,
  input: ScoringPut,
  options: RescoreOptions = {},
): Promise<Scoring & RescoreProgress> => {
  const current = await readScoring(workspaceId);
  if (input.version !== undefined && input.version !== current.version) {
    throw versionConflict(current.version);
  }
  const scoring: Scoring = {
    rules: input.rules,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  try {
    await transact([
      {
        write: {
          Put: {
            TableName: '',
            Item: {
              ...keys.scoringRules(workspaceId),
              entity: 'ScoringRules',
              workspaceId,
              ...scoring,
            },
            ConditionExpression:
              current.version === 0
                ? 'attribute_not_exists(pk)'
                : 'version = :seen',
            ExpressionAttributeValues:
              current.version === 0 ? undefined : { ':seen': current.version },
          },
        },
        onConditionFailed: () => versionConflict(current.version),
      },
      {
        write: {
          Put: {
            TableName: '',
            Item: pendingItem(workspaceId, scoring.version, null),
          },
        },
      },
    ]);
  } catch (error) {
    if (isTransactionConflict(error)) throw versionConflict(current.version);
    throw error;
  }
  rememberScoring(workspaceId, scoring);

  return {
    ...scoring,
    ...(await walkRescore(workspaceId, scoring.version, null, options)),
  };
};

const versionConflict = (currentVersion: number) =>
  new DomainError(
    412,
    'scoring.version_conflict',
    'The rules changed since this version was read; read them again and retry.',
    [{ path: 'version', message: `Current version is ${currentVersion}` }],
    { currentVersion },
  );

/**
 * The schedule's part: continues every re-score a request left unfinished,
 * each within the budget, reading only the pending entries.
 */
export const continueRescores = async (
  options: RescoreOptions = {},
): Promise<{ workspaces: number; examined: number; complete: number }> => {
  const totals = { workspaces: 0, examined: 0, complete: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.scoreRescorePartition },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const workspaceId = String(item.workspaceId);
      const progress = await walkRescore(
        workspaceId,
        Number(item.rulesVersion),
        typeof item.after === 'string' ? item.after : null,
        options,
      );
      totals.workspaces += 1;
      totals.examined += progress.examined;
      if (progress.complete) totals.complete += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);

  return totals;
};
