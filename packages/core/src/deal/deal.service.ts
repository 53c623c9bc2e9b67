import type { Actor, DomainEvent, EventData, EventType } from '@rapport/events';
import { type Clock, systemClock } from '../clock';
import { DomainError, notFound } from '../errors';
import { buildEvent } from '../event/event.item';
import { newId } from '../ids';
import { ensureDefaultPipeline } from '../pipeline/default-pipeline';
import type { Pipeline, Stage } from '../pipeline/pipeline.schema';
import { getPipeline } from '../pipeline/pipeline.store';
import type { Page } from '../table/cursor';
import { transactRetrying } from '../table/transact';
import { readRecordTimeline } from '../timeline/timeline.service';
import {
  type Deal,
  type DealCreate,
  type DealFilter,
  type DealUpdate,
  dealLimits,
} from './deal.schema';
import {
  dealWriteSteps,
  queryDealList,
  readDeal,
  versionConflict,
} from './deal.store';

/** Who acts and what time it is; tests bring their own clock. */
export interface DealContext {
  actor: Actor;
  clock?: Clock;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

const invalid = (code: string, message: string, path: string, detail: string) =>
  new DomainError(400, code, message, [{ path, message: detail }]);

const stageOf = (pipeline: Pipeline, stageId: string): Stage => {
  const stage = pipeline.stages.find((s) => s.id === stageId);
  if (!stage) {
    throw invalid(
      'deal.unknown_stage',
      'The stage is not one of the pipeline’s stages.',
      'stageId',
      `Pipeline ${pipeline.id} has no stage ${stageId}`,
    );
  }

  return stage;
};

/** The primary contact first, then the others, each once. */
const linkedContacts = (primary: string | null, others: readonly string[]) => {
  const ids = [...new Set([...(primary ? [primary] : []), ...others])];
  if (ids.length > dealLimits.contacts) {
    throw invalid(
      'request.validation_failed',
      'The request has invalid fields.',
      'contactIds',
      `At most ${dealLimits.contacts} contacts, the primary one included`,
    );
  }

  return ids;
};

const dealEvent = <T extends EventType>(
  workspaceId: string,
  dealId: string,
  type: T,
  data: EventData<T>,
  actor: Actor,
  at: Date,
) =>
  buildEvent({
    type,
    workspaceId,
    subject: { type: 'deal', id: dealId },
    actor,
    data,
    at,
  } as never) as DomainEvent;

export const createDeal = async (
  workspaceId: string,
  input: DealCreate,
  context: DealContext,
): Promise<Deal> => {
  const at = (context.clock ?? systemClock)();
  const pipeline = input.pipelineId
    ? await getPipeline(workspaceId, input.pipelineId)
    : await ensureDefaultPipeline(workspaceId);
  const stage = input.stageId
    ? stageOf(pipeline, input.stageId)
    : (pipeline.stages[0] as Stage);
  const status = input.status ?? 'open';
  if (input.lostReason && status !== 'lost') {
    throw invalid(
      'deal.lost_reason_without_loss',
      'A lost reason goes only with status "lost".',
      'lostReason',
      'Set status to "lost" too',
    );
  }
  const primaryContactId = input.primaryContactId ?? null;
  const deal: Deal = {
    id: newId('deal', at.getTime()),
    title: input.title,
    pipelineId: pipeline.id,
    stageId: stage.id,
    amount: input.amount ?? null,
    ownerId: input.ownerId ?? null,
    primaryContactId,
    contactIds: linkedContacts(primaryContactId, input.contactIds ?? []),
    expectedCloseDate: input.expectedCloseDate ?? null,
    status,
    lostReason: input.lostReason ?? null,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    closedAt: status === 'open' ? null : at.toISOString(),
    stageEnteredAt: at.toISOString(),
    timeInStageMs: {},
    stalledAt: null,
    version: 1,
  };
  const event = dealEvent(
    workspaceId,
    deal.id,
    'deal.created',
    { deal },
    context.actor,
    at,
  );

  await transactRetrying(
    dealWriteSteps({
      workspaceId,
      before: null,
      after: deal,
      stage,
      events: [event],
    }),
  );

  return deal;
};

export const getDeal = async (
  workspaceId: string,
  dealId: string,
): Promise<Deal> => {
  const deal = await readDeal(workspaceId, dealId);
  if (!deal) throw notFound('deal', dealId);

  return deal;
};

const plainFields = [
  'title',
  'amount',
  'ownerId',
  'primaryContactId',
  'contactIds',
  'expectedCloseDate',
  'lostReason',
] as const;

/** Ends the current visit to the stage: its time joins the stage's sum. */
const endVisit = (deal: Deal, at: Date): number => {
  const spent = Math.max(0, at.getTime() - Date.parse(deal.stageEnteredAt));
  deal.timeInStageMs = {
    ...deal.timeInStageMs,
    [deal.stageId]: (deal.timeInStageMs[deal.stageId] ?? 0) + spent,
  };

  return spent;
};

/**
 * Works out a change to a deal: the deal after it and the events that
 * record it, in the order they happened (fields, reopening, move, closing).
 * Pure, so that every path that changes a deal shares its rules.
 */
export const planDealChange = (input: {
  workspaceId: string;
  current: Deal;
  patch: Omit<DealUpdate, 'version'>;
  fromPipeline: Pipeline;
  toPipeline: Pipeline;
  actor: Actor;
  at: Date;
  /** Lets a won or lost deal change stage: only when its stage is deleted. */
  moveClosed?: boolean;
}): { next: Deal; stage: Stage; events: DomainEvent[] } => {
  const { workspaceId, current, patch, fromPipeline, toPipeline, actor, at } =
    input;
  const iso = at.toISOString();
  const next: Deal = {
    ...current,
    timeInStageMs: { ...current.timeInStageMs },
  };
  const events: DomainEvent[] = [];
  const version = current.version + 1;
  const emit = <T extends EventType>(type: T, data: EventData<T>) =>
    events.push(dealEvent(workspaceId, current.id, type, data, actor, at));

  for (const field of plainFields) {
    if (patch[field] !== undefined)
      Object.assign(next, { [field]: patch[field] });
  }
  next.contactIds = linkedContacts(
    next.primaryContactId,
    patch.contactIds ?? current.contactIds,
  );
  const status = patch.status ?? current.status;
  if (status !== 'lost') {
    if (patch.lostReason) {
      throw invalid(
        'deal.lost_reason_without_loss',
        'A lost reason goes only with status "lost".',
        'lostReason',
        'Set status to "lost" too',
      );
    }
    next.lostReason = null;
  }

  const changes: Changes = {};
  for (const field of plainFields) {
    // Closing or reopening records the lost reason in its own event.
    if (field === 'lostReason' && status !== current.status) continue;
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) {
      changes[field] = { from: current[field], to: next[field] };
    }
  }
  if (Object.keys(changes).length > 0) {
    emit('deal.updated', { changes, version });
  }

  if (current.status !== 'open' && status === 'open') {
    next.status = 'open';
    next.closedAt = null;
    next.stageEnteredAt = iso;
    next.stalledAt = null;
    emit('deal.reopened', {
      previousStatus: current.status,
      stageId: current.stageId,
      version,
    });
  }

  const targetStageId =
    patch.stageId ??
    (toPipeline.id === current.pipelineId
      ? current.stageId
      : (toPipeline.stages[0] as Stage).id);
  const stage = stageOf(toPipeline, targetStageId);
  if (stage.id !== current.stageId || toPipeline.id !== current.pipelineId) {
    if (next.status !== 'open' && !input.moveClosed) {
      throw new DomainError(
        409,
        'deal.closed',
        'A won or lost deal stays in its stage; reopen it to move it.',
        [{ path: 'stageId', message: 'Send "status": "open" with the move' }],
      );
    }
    // A closed deal's last visit ended when it closed.
    const spent = next.status === 'open' ? endVisit(next, at) : 0;
    const order = (id: string) =>
      fromPipeline.stages.findIndex((candidate) => candidate.id === id);
    emit('deal.stage_changed', {
      from: { pipelineId: current.pipelineId, stageId: current.stageId },
      to: { pipelineId: toPipeline.id, stageId: stage.id },
      timeInPreviousStageMs: spent,
      backwards:
        toPipeline.id === current.pipelineId &&
        order(stage.id) < order(current.stageId),
      version,
    });
    next.pipelineId = toPipeline.id;
    next.stageId = stage.id;
    next.stageEnteredAt = iso;
    next.stalledAt = null;
  }

  if (status !== 'open' && status !== current.status) {
    if (current.status === 'open') endVisit(next, at);
    next.status = status;
    next.closedAt = iso;
    if (status === 'won') {
      emit('deal.won', { stageId: next.stageId, amount: next.amount, version });
    } else {
      emit('deal.lost', {
        stageId: next.stageId,
        lostReason: next.lostReason,
        version,
      });
    }
  }

  if (events.length > 0) {
    next.version = version;
    next.updatedAt = iso;
  }

  return { next, stage, events };
};

/**
 * Changes a deal if it is still at the version the client saw, so that no
 * concurrent change (two people dragging one deal, say) is lost. A patch
 * that changes nothing writes nothing.
 */
export const updateDeal = async (
  workspaceId: string,
  dealId: string,
  patch: Omit<DealUpdate, 'version'>,
  seenVersion: number,
  context: DealContext,
): Promise<Deal> => {
  const current = await getDeal(workspaceId, dealId);
  if (current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, dealId);
  }

  return applyDealChange(workspaceId, current, patch, context);
};

/** Plans and writes a change to a deal read at `current.version`. */
export const applyDealChange = async (
  workspaceId: string,
  current: Deal,
  patch: Omit<DealUpdate, 'version'>,
  context: DealContext,
  options: { moveClosed?: boolean } = {},
): Promise<Deal> => {
  const at = (context.clock ?? systemClock)();
  const fromPipeline = await getPipeline(workspaceId, current.pipelineId);
  const toPipeline =
    patch.pipelineId && patch.pipelineId !== current.pipelineId
      ? await getPipeline(workspaceId, patch.pipelineId)
      : fromPipeline;
  const { next, stage, events } = planDealChange({
    workspaceId,
    current,
    patch,
    fromPipeline,
    toPipeline,
    actor: context.actor,
    at,
    moveClosed: options.moveClosed,
  });
  if (events.length === 0) return current;

  await transactRetrying(
    dealWriteSteps({
      workspaceId,
      before: current,
      after: next,
      stage,
      events,
    }),
  );

  return next;
};

/** Deletes a deal; its timeline stays, closed by `deal.deleted`. */
export const deleteDeal = async (
  workspaceId: string,
  dealId: string,
  seenVersion: number | undefined,
  context: DealContext,
): Promise<void> => {
  const current = await getDeal(workspaceId, dealId);
  if (seenVersion !== undefined && current.version !== seenVersion) {
    throw versionConflict({ version: current.version }, dealId);
  }
  const event = dealEvent(
    workspaceId,
    dealId,
    'deal.deleted',
    { title: current.title, version: current.version },
    context.actor,
    (context.clock ?? systemClock)(),
  );

  await transactRetrying(
    dealWriteSteps({
      workspaceId,
      before: current,
      after: null,
      stage: undefined,
      events: [event],
    }),
  );
};

/**
 * Deals in creation order. A contact's or an owner's deals are read from
 * their own list; other filters narrow the list they are read from.
 */
export const listDeals = (
  workspaceId: string,
  filter: DealFilter,
  limit: number,
  cursor?: string,
): Promise<Page<Deal>> => {
  const { contactId, ...rest } = filter;
  if (contactId) {
    return queryDealList(workspaceId, `CT#${contactId}`, rest, limit, cursor);
  }
  const { ownerId, ...others } = rest;
  if (ownerId) {
    return queryDealList(
      workspaceId,
      `OWNER#${ownerId}`,
      others,
      limit,
      cursor,
    );
  }

  return queryDealList(workspaceId, 'DEALS', others, limit, cursor);
};

/** A deal's timeline, newest first; it outlives the deal. */
export const readDealTimeline = (
  workspaceId: string,
  dealId: string,
  limit: number,
  cursor?: string,
) =>
  readRecordTimeline(workspaceId, { type: 'deal', id: dealId }, limit, cursor);

export type OpenDealsPolicy = 'close_lost' | 'detach';

/**
 * Before a contact is deleted: refuses while it has open deals, unless the
 * request says what becomes of them. `close_lost` marks them lost;
 * `detach` unlinks the contact and keeps them open. Closed deals keep the
 * link as history.
 */
export const settleOpenDealsOfContact = async (
  workspaceId: string,
  contactId: string,
  policy: OpenDealsPolicy | undefined,
  context: DealContext,
): Promise<void> => {
  const open: Deal[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDeals(
      workspaceId,
      { contactId, status: 'open' },
      100,
      cursor,
    );
    open.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (open.length === 0) return;

  if (!policy) {
    throw new DomainError(
      409,
      'contact.has_open_deals',
      'The contact has open deals; say what becomes of them with ?openDeals=close_lost or ?openDeals=detach.',
      open.map((deal) => ({
        path: 'openDeals',
        message: `Deal ${deal.id} is open`,
      })),
      { dealIds: open.map((deal) => deal.id) },
    );
  }
  for (const deal of open) {
    const contactIds = deal.contactIds.filter((id) => id !== contactId);
    const patch: Omit<DealUpdate, 'version'> =
      policy === 'close_lost'
        ? { status: 'lost', lostReason: 'Contact deleted' }
        : {
            contactIds,
            primaryContactId:
              deal.primaryContactId === contactId
                ? (contactIds[0] ?? null)
                : deal.primaryContactId,
          };
    await applyDealChange(workspaceId, deal, patch, context);
  }
};
