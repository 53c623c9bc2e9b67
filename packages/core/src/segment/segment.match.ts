import type { Contact } from '@rapport/events';
import { tagKey } from '../contact/contact.index';
import type { FieldValue } from '../custom-field/custom-field.values';
import type { ContactFilter, FieldCondition } from './segment.schema';

const same = (a: FieldValue, b: FieldValue) =>
  typeof a === 'string' && typeof b === 'string'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b;

const compare = (a: FieldValue, b: FieldValue): number | undefined => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  return undefined;
};

/**
 * Whether a stored custom value meets a condition. A list (multi select)
 * meets `eq` and `in` when any of its items does.
 */
export const fieldMatches = (
  value: FieldValue | undefined,
  condition: FieldCondition,
): boolean => {
  const present = value !== undefined && value !== null;
  if (condition.op === 'exists') return present === (condition.value ?? true);
  if (!present) return false;

  const items = Array.isArray(value) ? value : [value];
  const wanted = condition.value ?? null;
  switch (condition.op) {
    case 'eq':
      return items.some((item) => same(item, wanted));
    case 'in':
      return (Array.isArray(wanted) ? wanted : [wanted]).some((one) =>
        items.some((item) => same(item, one)),
      );
    case 'gte':
      return items.some((item) => (compare(item, wanted) ?? -1) >= 0);
    case 'lte':
      return items.some((item) => (compare(item, wanted) ?? 1) <= 0);
  }
};

const within = (
  at: string,
  range: { gte?: string; lte?: string } | undefined,
) =>
  !range ||
  ((!range.gte || at >= new Date(range.gte).toISOString()) &&
    (!range.lte || at <= new Date(range.lte).toISOString()));

/** Whether a contact meets every part of a filter. */
export const matchesFilter = (
  contact: Contact,
  filter: ContactFilter,
): boolean => {
  const held = new Set(contact.tags.map(tagKey));
  const { all, any, none } = filter.tags ?? {};
  if (all && !all.every((tag) => held.has(tagKey(tag)))) return false;
  if (any && !any.some((tag) => held.has(tagKey(tag)))) return false;
  if (none?.some((tag) => held.has(tagKey(tag)))) return false;
  if (
    filter.lifecycleStage &&
    !filter.lifecycleStage.includes(contact.lifecycleStage)
  ) {
    return false;
  }
  if (filter.source && !filter.source.includes(contact.source)) return false;
  if (!within(contact.createdAt, filter.createdAt)) return false;
  if (filter.score) {
    const { gte, lte } = filter.score;
    if (gte !== undefined && contact.score < gte) return false;
    if (lte !== undefined && contact.score > lte) return false;
  }
  if (!within(contact.updatedAt, filter.updatedAt)) return false;

  return (filter.fields ?? []).every((condition) =>
    fieldMatches(contact.customFields[condition.key], condition),
  );
};
