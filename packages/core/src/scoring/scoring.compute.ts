import type { Contact } from '@rapport/events';
import { tagKey } from '../contact/contact.index';
import { scoreBound } from '../table/keys';
import type { ScoringRule } from './scoring.schema';

const dayMs = 86_400_000;

/** One rule's share of a score. */
export interface ScoreReason {
  ruleId: string;
  kind: string;
  points: number;
  detail: string;
}

export interface ScoreResult {
  score: number;
  /** When a counted activity leaves its window; null when none counts. */
  expiresAt: string | null;
  reasons: ScoreReason[];
}

/** When each activity type on a contact happened (ISO instants). */
export type ActivityTimes = Map<string, string[]>;

const sameValue = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string'
    ? a.normalize('NFC').toLocaleLowerCase('und') ===
      b.normalize('NFC').toLocaleLowerCase('und')
    : JSON.stringify(a) === JSON.stringify(b);

const fieldHolds = (
  rule: Extract<ScoringRule, { kind: 'field' }>,
  contact: Contact,
): boolean => {
  const value = contact.customFields[rule.key];
  const present = value !== undefined && value !== null;
  if (rule.op === 'exists') return present;
  if (!present) return false;

  return (Array.isArray(value) ? value : [value]).some((item) =>
    sameValue(item, rule.value),
  );
};

/**
 * A contact's score under a set of rules at `now`: the sum of each rule's
 * points. Pure, so the same inputs always give the same score.
 */
export const computeScore = (
  contact: Contact,
  rules: readonly ScoringRule[],
  activities: ActivityTimes,
  now: Date,
): ScoreResult => {
  const tags = new Set(contact.tags.map(tagKey));
  const reasons: ScoreReason[] = [];
  let expiresAt: string | null = null;

  for (const rule of rules) {
    let points = 0;
    let detail = '';
    switch (rule.kind) {
      case 'tag':
        if (tags.has(tagKey(rule.tag))) {
          points = rule.points;
          detail = `carries tag ${rule.tag}`;
        }
        break;
      case 'lifecycle_stage':
        if (contact.lifecycleStage === rule.stage) {
          points = rule.points;
          detail = `lifecycle stage ${rule.stage}`;
        }
        break;
      case 'field':
        if (fieldHolds(rule, contact)) {
          points = rule.points;
          detail =
            rule.op === 'exists'
              ? `field ${rule.key} is set`
              : `field ${rule.key} is ${JSON.stringify(rule.value)}`;
        }
        break;
      case 'activity': {
        const windowMs = rule.withinDays * dayMs;
        const counted = (activities.get(rule.activityType) ?? []).filter(
          (at) => {
            const time = Date.parse(at);

            return time <= now.getTime() && time > now.getTime() - windowMs;
          },
        );
        if (counted.length === 0) break;
        const raw = rule.points * counted.length;
        points =
          rule.cap === undefined
            ? raw
            : Math.sign(raw) * Math.min(Math.abs(raw), rule.cap);
        detail = `${counted.length} ${rule.activityType} in the last ${rule.withinDays} days`;
        const firstOut = new Date(
          Math.min(...counted.map((at) => Date.parse(at))) + windowMs,
        ).toISOString();
        if (!expiresAt || firstOut < expiresAt) expiresAt = firstOut;
        break;
      }
    }
    if (points !== 0) {
      reasons.push({ ruleId: rule.id, kind: rule.kind, points, detail });
    }
  }
  const total = reasons.reduce((sum, reason) => sum + reason.points, 0);

  return {
    score: Math.max(-scoreBound, Math.min(scoreBound, total)),
    expiresAt,
    reasons,
  };
};

/** The activity types the rules count, each with its widest window. */
export const activityWindows = (
  rules: readonly ScoringRule[],
): Map<string, number> => {
  const windows = new Map<string, number>();
  for (const rule of rules) {
    if (rule.kind !== 'activity') continue;
    windows.set(
      rule.activityType,
      Math.max(windows.get(rule.activityType) ?? 0, rule.withinDays),
    );
  }

  return windows;
};
