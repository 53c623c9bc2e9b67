import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { DomainError, notFound } from '../errors';
import { appendEvent, appendEventCopies } from '../event/event.item';
import type { Stage } from '../pipeline/pipeline.schema';
import { amountAttribute } from '../pipeline/pipeline.store';
import { decodeCursor, encodeCursor, type Page } from '../table/cursor';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';
import { type Deal, type DealFilter, dealSchema } from './deal.schema';

const dayMs = 86_400_000;

/** When an open deal's current visit counts as stalled, if its stage has a limit. */
export const stallDueAt = (deal: Deal, stage: Stage | undefined) =>
  deal.status === 'open' && stage?.stalledAfterDays
    ? new Date(
        Date.parse(deal.stageEnteredAt) + stage.stalledAfterDays * dayMs,
      ).toISOString()
    : undefined;

/**
 * The stored deal. It is filed under its stage (open or closed) for the
 * board, and, while a stall is still to be reported, under its stall date.
 */
export const dealItem = (
  workspaceId: string,
  deal: Deal,
  stage: Stage | undefined,
) => {
  const dueAt = deal.stalledAt ? undefined : stallDueAt(deal, stage);

  return {
    ...keys.deal(workspaceId, deal.id),
    ...keys.dealInStage(
      workspaceId,
      deal.stageId,
      deal.status === 'open',
      deal.stageEnteredAt,
      deal.id,
    ),
    ...(dueAt ? keys.stallDue(workspaceId, dueAt, deal.id) : {}),
    entity: 'Deal',
    workspaceId,
    ...deal,
  };
};

export const dealFromItem = (item: Record<string, unknown>): Deal =>
  fromItem(dealSchema, item);

export const readDeal = async (
  workspaceId: string,
  dealId: string,
): Promise<Deal | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.deal(workspaceId, dealId),
      ConsistentRead: true,
    }),
  );

  return Item ? dealFromItem(Item) : undefined;
};

export const versionConflict = (
  existing: Record<string, unknown> | undefined,
  dealId: string,
) =>
  existing
    ? new DomainError(
        412,
        'deal.version_conflict',
        'The deal changed since this version was read; read it again and retry.',
        [
          {
            path: 'version',
            message: `Current version is ${existing.version}`,
          },
        ],
        { currentVersion: existing.version },
      )
    : notFound('deal', dealId);

/** The lists a deal is filed in: the workspace's, its owner's, each contact's. */
const linkScopes = (deal: Deal): string[] => [
  'DEALS',
  ...(deal.ownerId ? [`OWNER#${deal.ownerId}`] : []),
  ...deal.contactIds.map((contactId) => `CT#${contactId}`),
];

const linkSummary = (deal: Deal) => ({
  dealId: deal.id,
  title: deal.title,
  status: deal.status,
  pipelineId: deal.pipelineId,
  stageId: deal.stageId,
  ownerId: deal.ownerId,
});

interface StageDelta {
  pipelineId: string;
  stageId: string;
  open: number;
  closed: number;
  amounts: Record<string, number>;
}

/** How a change moves each stage's counts and open amounts. */
const stageDeltas = (before: Deal | null, after: Deal | null) => {
  const deltas = new Map<string, StageDelta>();
  const apply = (deal: Deal, sign: 1 | -1) => {
    const key = `${deal.pipelineId}/${deal.stageId}`;
    const delta = deltas.get(key) ?? {
      pipelineId: deal.pipelineId,
      stageId: deal.stageId,
      open: 0,
      closed: 0,
      amounts: {},
    };
    if (deal.status === 'open') {
      delta.open += sign;
      if (deal.amount) {
        const { currency, value } = deal.amount;
        delta.amounts[currency] = (delta.amounts[currency] ?? 0) + sign * value;
      }
    } else {
      delta.closed += sign;
    }
    deltas.set(key, delta);
  };
  if (before) apply(before, -1);
  if (after) apply(after, 1);

  return [...deltas.values()].filter(
    (delta) =>
      delta.open !== 0 ||
      delta.closed !== 0 ||
      Object.values(delta.amounts).some((value) => value !== 0),
  );
};

const stageUnavailable = (stageId: string) =>
  new DomainError(
    409,
    'deal.stage_unavailable',
    'The stage was deleted or is being deleted; choose another stage.',
    [{ path: 'stageId', message: `Stage ${stageId} takes no deals` }],
  );

const stageTotalsStep = (
  workspaceId: string,
  delta: StageDelta,
): TransactionStep => {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const additions: string[] = [];
  const add = (name: string, value: number) => {
    if (value === 0) return;
    const index = additions.length;
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    additions.push(`#a${index} :a${index}`);
  };
  add('openCount', delta.open);
  add('closedCount', delta.closed);
  for (const [currency, value] of Object.entries(delta.amounts)) {
    add(amountAttribute(currency), value);
  }
  // Only a deal arriving in a stage needs the stage to be open to deals.
  const arriving = delta.open + delta.closed > 0;

  return {
    write: {
      Update: {
        TableName: '',
        Key: keys.stageTotals(workspaceId, delta.pipelineId, delta.stageId),
        UpdateExpression: `ADD ${additions.join(', ')}`,
        ConditionExpression: arriving
          ? 'attribute_exists(pk) AND attribute_not_exists(closing)'
          : 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    onConditionFailed: () => stageUnavailable(delta.stageId),
  };
};

const contactMissing = (contactId: string) => () =>
  new DomainError(
    400,
    'deal.contact_not_found',
    'A linked contact does not exist.',
    [{ path: 'contactIds', message: `No contact has the id ${contactId}` }],
  );

/**
 * Every write of one deal change, for one transaction: the deal itself, its
 * stages' totals, its list entries, a check that newly linked contacts
 * exist, and its events with copies on the timelines of every contact it
 * had or has.
 */
export const dealWriteSteps = (input: {
  workspaceId: string;
  before: Deal | null;
  after: Deal | null;
  stage: Stage | undefined;
  events: DomainEvent[];
}): TransactionStep[] => {
  const { workspaceId, before, after, stage, events } = input;
  const dealId = (after ?? before)?.id ?? '';
  const steps: TransactionStep[] = [];

  if (after) {
    steps.push({
      write: {
        Put: {
          TableName: '',
          Item: dealItem(workspaceId, after, stage),
          ...(before
            ? {
                ConditionExpression: 'version = :seen',
                ExpressionAttributeValues: { ':seen': before.version },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, dealId),
    });
  } else if (before) {
    steps.push({
      write: {
        Delete: {
          TableName: '',
          Key: keys.deal(workspaceId, dealId),
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': before.version },
        },
      },
      onConditionFailed: (existing) => versionConflict(existing, dealId),
    });
  }

  for (const delta of stageDeltas(before, after)) {
    steps.push(stageTotalsStep(workspaceId, delta));
  }

  const beforeScopes = before ? linkScopes(before) : [];
  const afterScopes = after ? linkScopes(after) : [];
  const summaryChanged =
    !before ||
    !after ||
    JSON.stringify(linkSummary(before)) !== JSON.stringify(linkSummary(after));
  for (const scope of afterScopes) {
    if (!summaryChanged && beforeScopes.includes(scope)) continue;
    steps.push({
      write: {
        Put: {
          TableName: '',
          Item: {
            ...keys.dealLink(workspaceId, scope, dealId),
            entity: 'DealLink',
            workspaceId,
            ...linkSummary(after as Deal),
          },
        },
      },
    });
  }
  for (const scope of beforeScopes.filter((s) => !afterScopes.includes(s))) {
    steps.push({
      write: {
        Delete: {
          TableName: '',
          Key: keys.dealLink(workspaceId, scope, dealId),
        },
      },
    });
  }

  for (const contactId of after?.contactIds ?? []) {
    if (before?.contactIds.includes(contactId)) continue;
    steps.push({
      write: {
        ConditionCheck: {
          TableName: '',
          Key: keys.contact(workspaceId, contactId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      onConditionFailed: contactMissing(contactId),
    });
  }

  const contacts = [
    ...new Set([...(before?.contactIds ?? []), ...(after?.contactIds ?? [])]),
  ].map((id) => ({ type: 'contact' as const, id }));
  for (const event of events) {
    steps.push(appendEvent(event), ...appendEventCopies(event, contacts));
  }

  return steps;
};

/** Open deals of a stage, most recently moved first: the board's column. */
export const queryOpenDealsInStage = async (
  workspaceId: string,
  stageId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Deal>> => {
  const after = cursor ? decodeCursor(`board:${stageId}`, cursor) : undefined;
  const { gsi1pk } = keys.dealInStage(workspaceId, stageId, true, '', '');
  // A board cursor is `<stageEnteredAt>#<dealId>`; anything else is not ours.
  const afterDealId = after?.includes('#')
    ? after.slice(after.lastIndexOf('#') + 1)
    : undefined;
  if (after && !afterDealId) {
    throw new DomainError(
      400,
      'request.invalid_cursor',
      'The cursor is not valid.',
      [
        {
          path: 'cursor',
          message: 'Pass back a nextCursor exactly as received.',
        },
      ],
    );
  }
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey:
        after && afterDealId
          ? { gsi1pk, gsi1sk: after, ...keys.deal(workspaceId, afterDealId) }
          : undefined,
    }),
  );
  const items = Items.map(dealFromItem);
  const last = Items.at(-1);

  return {
    items,
    nextCursor:
      LastEvaluatedKey && last
        ? encodeCursor(`board:${stageId}`, String(last.gsi1sk))
        : null,
  };
};

/** Every deal filed under a stage, open or closed: for moving them all. */
export const allDealsInStage = async (
  workspaceId: string,
  stageId: string,
  open: boolean,
): Promise<Deal[]> => {
  const { gsi1pk } = keys.dealInStage(workspaceId, stageId, open, '', '');
  const deals: Deal[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ExclusiveStartKey: start,
      }),
    );
    deals.push(...(page.Items ?? []).map(dealFromItem));
    start = page.LastEvaluatedKey;
  } while (start);

  return deals;
};

const readDeals = async (
  workspaceId: string,
  dealIds: string[],
): Promise<Deal[]> => {
  const found = new Map<string, Deal>();
  let keysLeft = dealIds.map((id) => keys.deal(workspaceId, id));
  while (keysLeft.length > 0) {
    const { Responses, UnprocessedKeys } = await dynamo().send(
      new BatchGetCommand({
        RequestItems: { [tableName()]: { Keys: keysLeft } },
      }),
    );
    for (const item of Responses?.[tableName()] ?? []) {
      const deal = dealFromItem(item);
      found.set(deal.id, deal);
    }
    keysLeft = (UnprocessedKeys?.[tableName()]?.Keys ?? []) as typeof keysLeft;
  }

  return dealIds.flatMap((id) => found.get(id) ?? []);
};

/**
 * A page of deals in creation order from one of the lists a deal is filed
 * in (a contact's, an owner's, the workspace's), the other filters applied
 * to the list entries; then one BatchGet reads the deals themselves.
 */
export const queryDealList = async (
  workspaceId: string,
  scope: string,
  filter: Omit<DealFilter, 'contactId'>,
  limit: number,
  cursor?: string,
): Promise<Page<Deal>> => {
  const after = cursor ? decodeCursor(`deals:${scope}`, cursor) : undefined;
  const link = keys.dealLink(workspaceId, scope, after ?? '');
  const conditions = Object.entries(filter).filter(
    ([, value]) => value !== undefined,
  );
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined = after ? link : undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: conditions.length
          ? conditions.map(([name]) => `#${name} = :${name}`).join(' AND ')
          : undefined,
        ExpressionAttributeNames: conditions.length
          ? Object.fromEntries(conditions.map(([name]) => [`#${name}`, name]))
          : undefined,
        ExpressionAttributeValues: {
          ':pk': link.pk,
          ':prefix': keys.dealLinkPrefix,
          ...Object.fromEntries(conditions.map(([name, v]) => [`:${name}`, v])),
        },
        Limit: limit - ids.length,
        ExclusiveStartKey: start,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.dealId)));
    start = page.LastEvaluatedKey;
  } while (start && ids.length < limit);

  const lastId = ids.at(-1);

  return {
    items: await readDeals(workspaceId, ids),
    nextCursor: start && lastId ? encodeCursor(`deals:${scope}`, lastId) : null,
  };
};
