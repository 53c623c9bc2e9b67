import type { Contact } from '@rapport/events';
import { encodeTime } from 'ulid';
import { readContacts } from '../contact/contact.bulk';
import { tagKey } from '../contact/contact.index';
import { sha256 } from '../ids';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { keys } from '../table/keys';
import { readTagCounts } from '../tag/tag.store';
import {
  type Candidate,
  countList,
  type ListSpec,
  MergedReader,
  PostingReader,
  type ReadMeter,
  type Walk,
} from './posting.reader';
import { countByScore, scoreDrives, searchByScore } from './score.search';
import { fieldMatches, matchesFilter } from './segment.match';
import type {
  ContactFilter,
  ContactSort,
  FieldCondition,
} from './segment.schema';

/**
 * Most candidates one request examines before it answers with what it has
 * and a cursor, so a very sparse filter stays within a Lambda's time.
 */
export const maxExaminedPerRequest = 20_000;

/** How a filter is read: which lists drive it, and what is left to check. */
export interface SearchPlan {
  lists: ListSpec[];
  /** A field condition checked on the posting's value, before any contact. */
  postingCheck?: FieldCondition;
  /** Nothing can match (an all-of tag no contact carries). */
  empty: boolean;
  /** The driver alone decides: nothing to check on the contact. */
  exact: boolean;
}

const member = (partition: string): ListSpec => ({
  partition,
  prefix: keys.memberPrefix,
});

const onlyKeys = (filter: ContactFilter, allowed: (keyof ContactFilter)[]) =>
  Object.entries(filter).every(
    ([key, value]) =>
      value === undefined || allowed.includes(key as keyof ContactFilter),
  );

/**
 * Chooses the lists to read. All-of tags are intersected from the smallest
 * posting list, found from the tag counts; any-of tags, stages and sources
 * are unions; a field condition reads its field's postings; with none of
 * these the workspace's listing is read.
 */
export const planSearch = async (
  workspaceId: string,
  filter: ContactFilter,
  meter: ReadMeter,
): Promise<SearchPlan> => {
  const { all = [], any = [], none = [] } = filter.tags ?? {};
  const plan = { empty: false, exact: false };

  if (all.length > 0 || any.length > 0) {
    const counts = await readTagCounts(
      workspaceId,
      [...all, ...any].map(tagKey),
    );
    meter.itemsRead += counts.size;
    const countOf = (tag: string) => counts.get(tagKey(tag))?.count ?? 0;
    const tagList = (tag: string) =>
      member(keys.tagMember(workspaceId, tagKey(tag), '').pk);
    const single = new Set([...all, ...any].map(tagKey)).size === 1;
    const exact =
      single && none.length === 0 && onlyKeys(filter, ['tags', 'createdAt']);

    if (all.length > 0) {
      const smallest = [...all].sort((a, b) => countOf(a) - countOf(b))[0];
      if (!smallest || countOf(smallest) === 0) {
        return { lists: [], ...plan, empty: true };
      }

      return { lists: [tagList(smallest)], ...plan, exact };
    }
    const carried = any.filter((tag) => countOf(tag) > 0);

    return {
      lists: carried.map(tagList),
      ...plan,
      empty: carried.length === 0,
      exact:
        exact || (none.length === 0 && onlyKeys(filter, ['tags', 'createdAt'])),
    };
  }
  if (filter.source) {
    return {
      lists: filter.source.map((source) =>
        member(keys.sourceMember(workspaceId, source, '').pk),
      ),
      ...plan,
      exact: onlyKeys(filter, ['source', 'createdAt']),
    };
  }
  if (filter.lifecycleStage) {
    return {
      lists: [...new Set(filter.lifecycleStage)].map((stage) =>
        member(keys.stageMember(workspaceId, stage, '').pk),
      ),
      ...plan,
      exact: onlyKeys(filter, ['lifecycleStage', 'createdAt']),
    };
  }
  const driving = filter.fields?.find(
    (condition) => condition.op !== 'exists' || condition.value !== false,
  );
  if (driving) {
    return {
      lists: [member(keys.fieldMember(workspaceId, driving.key, '').pk)],
      postingCheck: driving,
      ...plan,
    };
  }

  return {
    lists: [
      {
        index: 'gsi1',
        partition: keys.contactListing(workspaceId, '').gsi1pk,
        prefix: '',
      },
    ],
    ...plan,
    exact: onlyKeys(filter, ['createdAt']),
  };
};

// Contact ids are `ct_` and a ULID, whose first ten characters are the
// creation time: a creation range is a range of ids.
const idFloor = (at?: string) =>
  `ct_${at ? encodeTime(new Date(at).getTime(), 10) : ''}`;
const idCeiling = (at?: string) =>
  `ct_${at ? encodeTime(new Date(at).getTime(), 10) : ''}~`;

const walkFor = (
  filter: ContactFilter,
  order: 'asc' | 'desc',
  after?: string,
): Walk => {
  const from = idFloor(filter.createdAt?.gte);
  const to = idCeiling(filter.createdAt?.lte);
  if (!after) return { order, from, to };

  return order === 'asc'
    ? { order, from: after > from ? after : from, to }
    : { order, from, to: after < to ? after : to };
};

export interface SearchInput {
  filter: ContactFilter;
  sort?: ContactSort;
  limit: number;
  cursor?: string;
}

/**
 * One page of the contacts that meet a filter, in creation order. Reads
 * candidates from the plan's lists and checks each on its contact until the
 * page is full or the lists run out: a stretch with no match never ends the
 * walk. The cursor is the last contact answered, so pages neither skip nor
 * repeat; every list resumes after it.
 */
/** A search's cursor is good only for the same filter and sort. */
const searchScope = (input: SearchInput) =>
  `search:${sha256(JSON.stringify([input.filter, input.sort ?? null])).slice(0, 24)}`;

export const searchContacts = async (
  workspaceId: string,
  input: SearchInput,
  meter: ReadMeter = { itemsRead: 0 },
): Promise<Page<Contact>> => {
  const scope = searchScope(input);
  if (scoreDrives(input.filter, input.sort)) {
    return searchByScore(workspaceId, input, meter, scope);
  }
  const order = input.sort?.order ?? 'asc';
  const after = input.cursor ? decodeCursor(scope, input.cursor) : undefined;
  const plan = await planSearch(workspaceId, input.filter, meter);
  if (plan.empty) return { items: [], nextCursor: null };

  const walk = walkFor(input.filter, order, after);
  const candidates = new MergedReader(
    // The page, one more to know whether another follows, and the cursor's
    // own entry, which the inclusive range returns first.
    plan.lists.map(
      (list) =>
        new PostingReader(list, walk, meter, input.limit + (after ? 2 : 1)),
    ),
    order,
  );
  const items: Contact[] = [];
  let examined = 0;
  let lastExamined: string | undefined;
  let batch = input.limit;

  while (items.length < input.limit) {
    const chunk: string[] = [];
    while (chunk.length < batch) {
      const next: Candidate | undefined = await candidates.next();
      if (!next) break;
      examined += 1;
      lastExamined = next.contactId;
      if (next.contactId === after) continue;
      if (plan.postingCheck && !fieldMatches(next.value, plan.postingCheck)) {
        continue;
      }
      chunk.push(next.contactId);
    }
    if (chunk.length === 0 && (await candidates.exhausted())) {
      return { items, nextCursor: null };
    }

    const contacts = await readContacts(workspaceId, chunk, meter);
    let matched = 0;
    for (const contact of contacts) {
      if (!matchesFilter(contact, input.filter)) continue;
      matched += 1;
      items.push(contact);
      if (items.length === input.limit) {
        const more =
          contact.id !== chunk.at(-1) || !(await candidates.exhausted());

        return {
          items,
          nextCursor: more ? encodeCursor(scope, contact.id) : null,
        };
      }
    }
    // A sparse stretch: ask for more candidates at once next time.
    batch = Math.min(100, matched === chunk.length ? batch : batch * 2);
    if (examined >= maxExaminedPerRequest && lastExamined) {
      return { items, nextCursor: encodeCursor(scope, lastExamined) };
    }
  }

  return { items, nextCursor: null };
};

/**
 * How many contacts meet a filter, without reading contacts where the
 * index alone answers: one tag's counter, or counting stage or source
 * postings. Anything else is walked like a search.
 */
export const countContacts = async (
  workspaceId: string,
  filter: ContactFilter,
  meter: ReadMeter = { itemsRead: 0 },
): Promise<number> => {
  if (scoreDrives(filter, undefined)) {
    return countByScore(workspaceId, filter, meter);
  }
  const plan = await planSearch(workspaceId, filter, meter);
  if (plan.empty) return 0;

  const walk = walkFor(filter, 'asc');
  const tags = new Set(
    [...(filter.tags?.all ?? []), ...(filter.tags?.any ?? [])].map(tagKey),
  );
  const [onlyTag] = tags;
  if (plan.exact && tags.size === 1 && onlyTag && !filter.createdAt) {
    const counts = await readTagCounts(workspaceId, [onlyTag]);
    meter.itemsRead += counts.size;

    return counts.get(onlyTag)?.count ?? 0;
  }
  const [onlyList] = plan.lists;
  if (plan.exact && plan.lists.length === 1 && onlyList) {
    return countList(onlyList, walk, meter);
  }

  const candidates = new MergedReader(
    plan.lists.map((list) => new PostingReader(list, walk, meter, 100)),
    'asc',
  );
  let count = 0;
  for (;;) {
    const chunk: string[] = [];
    while (chunk.length < 100) {
      const next = await candidates.next();
      if (!next) break;
      if (plan.postingCheck && !fieldMatches(next.value, plan.postingCheck)) {
        continue;
      }
      chunk.push(next.contactId);
    }
    if (chunk.length === 0) return count;
    // A union whose lists alone decide counts its distinct ids.
    if (plan.exact) {
      count += chunk.length;
      continue;
    }
    const contacts = await readContacts(workspaceId, chunk, meter);
    count += contacts.filter((contact) =>
      matchesFilter(contact, filter),
    ).length;
  }
};
