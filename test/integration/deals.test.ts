import {
  type Clock,
  createContact,
  createDeal,
  createPipeline,
  type Deal,
  type DomainError,
  deleteContact,
  detectStalledDeals,
  ensureDefaultPipeline,
  formatMinorUnits,
  getDeal,
  getPipeline,
  listDeals,
  listPipelines,
  readBoard,
  readDealTimeline,
  readTimeline,
  updateDeal,
  updatePipeline,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';
import { failureOf } from '../support/failure';

const actor = { type: 'api_key' } as const;
const hour = 3_600_000;
const day = 24 * hour;
let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

/** A clock the test moves by hand. */
const manualClock = (start = Date.now()) => {
  let now = start;
  const clock: Clock = () => new Date(now);

  return {
    clock,
    at: (offsetMs: number) => {
      now = start + offsetMs;
    },
  };
};

const threeStages = (name = 'Test') =>
  createPipeline(workspaceId, {
    name,
    stages: [
      { name: 'Lead', probability: 10 },
      { name: 'Proposal', probability: 50 },
      { name: 'Negotiation', probability: 25 },
    ],
  });

const stageIds = async (pipelineId: string) =>
  (await getPipeline(workspaceId, pipelineId)).stages.map((stage) => stage.id);

describe('pipelines on DynamoDB Local', () => {
  it('gives a new workspace one default sales pipeline', async () => {
    const page = await listPipelines(workspaceId, 100);

    const defaults = page.items.filter((pipeline) => pipeline.isDefault);
    expect(defaults).toHaveLength(1);
    expect(defaults[0]?.stages.map((stage) => stage.name)).toEqual([
      'Lead in',
      'Qualified',
      'Proposal sent',
      'Negotiation',
    ]);
  });

  it('makes the default pipeline once for a workspace that predates it', async () => {
    const olderWorkspace = `ws_older_${Date.now()}`;

    const made = await Promise.all(
      Array.from({ length: 5 }, () => ensureDefaultPipeline(olderWorkspace)),
    );

    expect(new Set(made.map((pipeline) => pipeline.id)).size).toBe(1);
    const listed = await listPipelines(olderWorkspace, 100);
    expect(listed.items.map((pipeline) => pipeline.id)).toEqual([made[0]?.id]);
  });

  it('renames, reorders and re-weighs stages, keeping their ids', async () => {
    const pipeline = await threeStages();
    const [lead, proposal, negotiation] = pipeline.stages;

    const changed = await updatePipeline(
      workspaceId,
      pipeline.id,
      {
        stages: [
          { id: lead?.id, name: 'New lead', probability: 5 },
          { id: negotiation?.id, name: 'Negotiation', probability: 75 },
          { id: proposal?.id, name: 'Proposal', probability: 60 },
          { name: 'Contract', probability: 90, stalledAfterDays: 5 },
        ],
      },
      1,
      { actor },
    );

    expect(changed.version).toBe(2);
    expect(changed.stages.map((s) => [s.name, s.probability])).toEqual([
      ['New lead', 5],
      ['Negotiation', 75],
      ['Proposal', 60],
      ['Contract', 90],
    ]);
    expect(changed.stages.slice(0, 3).map((s) => s.id)).toEqual([
      lead?.id,
      negotiation?.id,
      proposal?.id,
    ]);
    expect(changed.stages[3]?.id).toMatch(/^stg_/);
  });
});

describe('deals on DynamoDB Local', () => {
  it('lets exactly one of ten concurrent moves from one version win', async () => {
    const pipeline = await threeStages('Race');
    const [, proposal, negotiation] = await stageIds(pipeline.id);
    const deal = await createDeal(
      workspaceId,
      {
        title: 'Raced',
        pipelineId: pipeline.id,
        amount: { value: 1000, currency: 'EUR' },
      },
      { actor },
    );
    const targets = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? (proposal as string) : (negotiation as string),
    );

    const results = await Promise.allSettled(
      targets.map((stageId) =>
        updateDeal(workspaceId, deal.id, { stageId }, 1, { actor }),
      ),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as DomainError).code)).toEqual(
      Array(9).fill('deal.version_conflict'),
    );
    const stored = await getDeal(workspaceId, deal.id);
    expect(stored.version).toBe(2);
    expect(stored.stageId).toBe(won[0]?.value.stageId);
    const moves = (
      await readDealTimeline(workspaceId, deal.id, 50)
    ).items.filter((event) => event.type === 'deal.stage_changed');
    expect(moves).toHaveLength(1);
    const board = await readBoard(workspaceId, pipeline.id, { limit: 10 });
    expect(board.stages.map((stage) => stage.count)).toEqual(
      board.stages.map((stage) => (stage.id === stored.stageId ? 1 : 0)),
    );
  });

  it('keeps both of two concurrent edits when each retries on a stale version', async () => {
    const pipeline = await threeStages('Retry');
    const [, proposal] = await stageIds(pipeline.id);
    const deal = await createDeal(
      workspaceId,
      { title: 'Both', pipelineId: pipeline.id },
      { actor },
    );
    const withRetry = async (patch: Parameters<typeof updateDeal>[2]) => {
      for (;;) {
        const seen = await getDeal(workspaceId, deal.id);
        try {
          return await updateDeal(workspaceId, deal.id, patch, seen.version, {
            actor,
          });
        } catch (error) {
          if ((error as DomainError).code !== 'deal.version_conflict')
            throw error;
        }
      }
    };

    await Promise.all([
      withRetry({ stageId: proposal }),
      withRetry({ amount: { value: 250_000, currency: 'USD' } }),
      withRetry({ ownerId: 'usr_grace' }),
    ]);

    const stored = await getDeal(workspaceId, deal.id);
    expect(stored).toMatchObject({
      stageId: proposal,
      amount: { value: 250_000, currency: 'USD' },
      ownerId: 'usr_grace',
      version: 4,
    });
  });

  it('sums every visit to a stage when a deal moves back and forth', async () => {
    const pipeline = await threeStages('Visits');
    const [lead, proposal, negotiation] = await stageIds(pipeline.id);
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('visits') },
      actor,
    );
    const time = manualClock();
    const deal = await createDeal(
      workspaceId,
      {
        title: 'Back and forth',
        pipelineId: pipeline.id,
        primaryContactId: contact.id,
      },
      { actor, clock: time.clock },
    );
    const move = async (stageId: string | undefined, atMs: number) => {
      time.at(atMs);
      const current = await getDeal(workspaceId, deal.id);
      return updateDeal(workspaceId, deal.id, { stageId }, current.version, {
        actor,
        clock: time.clock,
      });
    };

    await move(proposal, 1 * hour);
    await move(lead, 3 * hour);
    await move(proposal, 6 * hour + 250);
    const last = await move(negotiation, 10 * hour + 250);

    expect(last.timeInStageMs).toEqual({
      [lead as string]: 1 * hour + 3 * hour + 250,
      [proposal as string]: 2 * hour + 4 * hour,
    });
    const moves = (await readDealTimeline(workspaceId, deal.id, 50)).items
      .filter((event) => event.type === 'deal.stage_changed')
      .reverse()
      .map((event) => event.data);
    expect(
      moves.map((m) => [m.to.stageId, m.timeInPreviousStageMs, m.backwards]),
    ).toEqual([
      [proposal, 1 * hour, false],
      [lead, 2 * hour, true],
      [proposal, 3 * hour + 250, false],
      [negotiation, 4 * hour, false],
    ]);
    const onContact = (
      await readTimeline(workspaceId, contact.id, 50)
    ).items.filter((event) => event.type === 'deal.stage_changed');
    expect(onContact).toHaveLength(4);
    expect(onContact.every((event) => event.subject.id === deal.id)).toBe(true);
  });

  it('stores and sums 154.80 EUR, 1000 JPY and 1.005 BHD exactly', async () => {
    const pipeline = await threeStages('Money');
    const [, proposal, negotiation] = await stageIds(pipeline.id);
    const amounts = [
      { value: 15_480, currency: 'EUR' },
      { value: 15_480, currency: 'EUR' },
      { value: 1_000, currency: 'JPY' },
      { value: 1_005, currency: 'BHD' },
    ];
    const deals: Deal[] = [];
    for (const amount of amounts) {
      deals.push(
        await createDeal(
          workspaceId,
          {
            title: `${amount.currency} deal`,
            pipelineId: pipeline.id,
            stageId: proposal,
            amount,
          },
          { actor },
        ),
      );
    }

    const stored = await Promise.all(
      deals.map((deal) => getDeal(workspaceId, deal.id)),
    );
    const board = await readBoard(workspaceId, pipeline.id, { limit: 10 });

    expect(
      stored.map((deal) => formatMinorUnits(deal.amount as never)),
    ).toEqual(['154.80', '154.80', '1000', '1.005']);
    const column = board.stages.find((stage) => stage.id === proposal);
    // 50 %: 1005 × 0.5 = 502.5 fils, rounded half to even: 502.
    expect(column?.count).toBe(4);
    expect(column?.totals).toEqual([
      { currency: 'BHD', amount: 1_005, weighted: 502 },
      { currency: 'EUR', amount: 30_960, weighted: 15_480 },
      { currency: 'JPY', amount: 1_000, weighted: 500 },
    ]);

    const bhd = deals[3] as Deal;
    await updateDeal(workspaceId, bhd.id, { stageId: negotiation }, 1, {
      actor,
    });
    await updateDeal(workspaceId, (deals[0] as Deal).id, { status: 'won' }, 1, {
      actor,
    });
    const after = await readBoard(workspaceId, pipeline.id, { limit: 10 });

    expect(after.stages.find((s) => s.id === proposal)?.totals).toEqual([
      { currency: 'EUR', amount: 15_480, weighted: 7_740 },
      { currency: 'JPY', amount: 1_000, weighted: 500 },
    ]);
    // 25 %: 1005 × 0.25 = 251.25 fils, rounded to 251.
    expect(after.stages.find((s) => s.id === negotiation)?.totals).toEqual([
      { currency: 'BHD', amount: 1_005, weighted: 251 },
    ]);
  });

  it('refuses to delete a stage that holds deals unless they go to a named stage', async () => {
    const pipeline = await threeStages('Delete');
    const [lead, proposal, negotiation] = await stageIds(pipeline.id);
    const open = await createDeal(
      workspaceId,
      {
        title: 'Open',
        pipelineId: pipeline.id,
        stageId: proposal,
        amount: { value: 500, currency: 'EUR' },
      },
      { actor },
    );
    const won = await createDeal(
      workspaceId,
      {
        title: 'Won',
        pipelineId: pipeline.id,
        stageId: proposal,
        status: 'won',
      },
      { actor },
    );
    const keep = [
      { id: lead, name: 'Lead', probability: 10 },
      { id: negotiation, name: 'Negotiation', probability: 25 },
    ];

    const refused = await failureOf(
      updatePipeline(workspaceId, pipeline.id, { stages: keep }, 1, { actor }),
    );
    const unknownTarget = await failureOf(
      updatePipeline(
        workspaceId,
        pipeline.id,
        {
          stages: keep,
          moveDealsTo: { [proposal as string]: proposal as string },
        },
        1,
        { actor },
      ),
    );
    const changed = await updatePipeline(
      workspaceId,
      pipeline.id,
      {
        stages: keep,
        moveDealsTo: { [proposal as string]: negotiation as string },
      },
      1,
      { actor },
    );

    expect([refused.status, refused.code]).toEqual([
      409,
      'pipeline.stage_not_empty',
    ]);
    expect(refused.details[0]?.path).toBe(`moveDealsTo.${proposal}`);
    expect([unknownTarget.status, unknownTarget.details[0]?.path]).toEqual([
      400,
      `moveDealsTo.${proposal}`,
    ]);
    expect(changed.stages.map((stage) => stage.id)).toEqual([
      lead,
      negotiation,
    ]);
    const [movedOpen, movedWon] = await Promise.all([
      getDeal(workspaceId, open.id),
      getDeal(workspaceId, won.id),
    ]);
    expect([movedOpen.stageId, movedWon.stageId, movedWon.status]).toEqual([
      negotiation,
      negotiation,
      'won',
    ]);
    const event = (await readDealTimeline(workspaceId, open.id, 10)).items[0];
    expect(event?.type).toBe('deal.stage_changed');
    const board = await readBoard(workspaceId, pipeline.id, { limit: 10 });
    expect(board.stages.map((s) => [s.id, s.count, s.totals])).toEqual([
      [lead, 0, []],
      [negotiation, 1, [{ currency: 'EUR', amount: 500, weighted: 125 }]],
    ]);
    const late = await failureOf(
      createDeal(
        workspaceId,
        { title: 'Late', pipelineId: pipeline.id, stageId: proposal },
        { actor },
      ),
    );
    expect(late.code).toBe('deal.unknown_stage');
  });

  it('deletes an empty stage without asking where its deals go', async () => {
    const pipeline = await threeStages('Empty');
    const [lead, proposal] = await stageIds(pipeline.id);

    const changed = await updatePipeline(
      workspaceId,
      pipeline.id,
      {
        stages: [
          { id: lead, name: 'Lead', probability: 10 },
          { id: proposal, name: 'Proposal', probability: 50 },
        ],
      },
      1,
      { actor },
    );

    expect(changed.stages.map((stage) => stage.id)).toEqual([lead, proposal]);
  });

  it('reports a stalled deal exactly once per stay in a stage', async () => {
    const pipeline = await createPipeline(workspaceId, {
      name: 'Stalls',
      stages: [
        { name: 'Waiting', probability: 20, stalledAfterDays: 3 },
        { name: 'Later', probability: 40, stalledAfterDays: 2 },
      ],
    });
    const [waiting, later] = pipeline.stages.map((stage) => stage.id);
    const time = manualClock();
    const deal = await createDeal(
      workspaceId,
      { title: 'Slow', pipelineId: pipeline.id },
      { actor, clock: time.clock },
    );
    const run = async (offsetMs: number) => {
      time.at(offsetMs);
      return (await detectStalledDeals(time.clock)).stalled.includes(deal.id);
    };

    const beforeLimit = await run(3 * day - 60_000);
    const atLimit = await run(3 * day + 60_000);
    const nextDay = await run(4 * day);
    const sameDayAgain = await run(4 * day);
    time.at(5 * day);
    const seen = await getDeal(workspaceId, deal.id);
    await updateDeal(workspaceId, deal.id, { stageId: later }, seen.version, {
      actor,
      clock: time.clock,
    });
    const newStayEarly = await run(6 * day);
    const newStayLate = await run(7 * day + 1);
    const afterThat = await run(9 * day);

    expect([beforeLimit, atLimit, nextDay, sameDayAgain]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect([newStayEarly, newStayLate, afterThat]).toEqual([
      false,
      true,
      false,
    ]);
    const stalls = (await readDealTimeline(workspaceId, deal.id, 50)).items
      .filter((event) => event.type === 'deal.stalled')
      .map((event) => event.data.stageId);
    expect(stalls).toEqual([later, waiting]);
    const board = await readBoard(workspaceId, pipeline.id, {
      limit: 10,
      clock: time.clock,
    });
    expect(board.stages[1]?.deals.items.map((d) => [d.id, d.stalled])).toEqual([
      [deal.id, true],
    ]);
  });

  it('reports stalls by the stage’s current limit after it changes', async () => {
    const pipeline = await createPipeline(workspaceId, {
      name: 'Limits',
      stages: [{ name: 'Only', probability: 20, stalledAfterDays: 10 }],
    });
    const time = manualClock();
    const deal = await createDeal(
      workspaceId,
      { title: 'Tightened', pipelineId: pipeline.id },
      { actor, clock: time.clock },
    );
    const stage = pipeline.stages[0];

    await updatePipeline(
      workspaceId,
      pipeline.id,
      {
        stages: [
          { id: stage?.id, name: 'Only', probability: 20, stalledAfterDays: 2 },
        ],
      },
      1,
      { actor },
    );
    time.at(2 * day + 1);
    const report = await detectStalledDeals(time.clock);

    expect(report.stalled).toContain(deal.id);
  });

  it('refuses to move a won deal until it is reopened, and records the reopening', async () => {
    const pipeline = await threeStages('Reopen');
    const [, proposal] = await stageIds(pipeline.id);
    const deal = await createDeal(
      workspaceId,
      { title: 'Closed', pipelineId: pipeline.id },
      { actor },
    );
    await updateDeal(
      workspaceId,
      deal.id,
      { status: 'lost', lostReason: 'No budget' },
      1,
      { actor },
    );

    const refused = await failureOf(
      updateDeal(workspaceId, deal.id, { stageId: proposal }, 2, { actor }),
    );
    const reopened = await updateDeal(
      workspaceId,
      deal.id,
      { status: 'open', stageId: proposal },
      2,
      { actor },
    );

    expect(refused.code).toBe('deal.closed');
    expect(reopened).toMatchObject({
      status: 'open',
      stageId: proposal,
      lostReason: null,
      closedAt: null,
    });
    const types = (await readDealTimeline(workspaceId, deal.id, 10)).items.map(
      (e) => e.type,
    );
    expect(types).toEqual([
      'deal.stage_changed',
      'deal.reopened',
      'deal.lost',
      'deal.created',
    ]);
  });

  it('lists deals by contact, owner, status, pipeline and stage, a page at a time', async () => {
    const pipeline = await threeStages('Lists');
    const [lead, proposal] = await stageIds(pipeline.id);
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('lists') },
      actor,
    );
    const owner = `usr_${Date.now()}`;
    const made: Deal[] = [];
    for (let i = 0; i < 5; i += 1) {
      made.push(
        await createDeal(
          workspaceId,
          {
            title: `Deal ${i}`,
            pipelineId: pipeline.id,
            stageId: i < 3 ? lead : proposal,
            ownerId: i % 2 ? owner : null,
            contactIds: i < 4 ? [contact.id] : [],
            status: i === 0 ? 'won' : 'open',
          },
          { actor },
        ),
      );
    }
    const ids = (page: { items: Deal[] }) => page.items.map((deal) => deal.id);
    const all = made.map((deal) => deal.id);

    const first = await listDeals(workspaceId, { contactId: contact.id }, 3);
    const second = await listDeals(
      workspaceId,
      { contactId: contact.id },
      3,
      first.nextCursor ?? undefined,
    );
    const owned = await listDeals(workspaceId, { ownerId: owner }, 10);
    const openInLead = await listDeals(
      workspaceId,
      { pipelineId: pipeline.id, stageId: lead, status: 'open' },
      10,
    );
    const won = await listDeals(
      workspaceId,
      { pipelineId: pipeline.id, status: 'won' },
      10,
    );

    expect([...ids(first), ...ids(second)]).toEqual(all.slice(0, 4));
    expect(second.nextCursor).toBeNull();
    expect(ids(owned)).toEqual([all[1], all[3]]);
    expect(ids(openInLead)).toEqual([all[1], all[2]]);
    expect(ids(won)).toEqual([all[0]]);
  });

  it('refuses to delete a contact with open deals unless told what becomes of them', async () => {
    const pipeline = await threeStages('Contacts');
    const buyer = await createContact(
      workspaceId,
      { email: uniqueEmail('buyer') },
      actor,
    );
    const champion = await createContact(
      workspaceId,
      { email: uniqueEmail('champion') },
      actor,
    );
    const shared = await createDeal(
      workspaceId,
      {
        title: 'Shared',
        pipelineId: pipeline.id,
        primaryContactId: buyer.id,
        contactIds: [champion.id],
      },
      { actor },
    );
    const solo = await createDeal(
      workspaceId,
      { title: 'Solo', pipelineId: pipeline.id, primaryContactId: champion.id },
      { actor },
    );

    const refused = await failureOf(
      deleteContact(workspaceId, buyer.id, undefined, actor),
    );
    await deleteContact(workspaceId, buyer.id, undefined, actor, 'detach');
    await deleteContact(
      workspaceId,
      champion.id,
      undefined,
      actor,
      'close_lost',
    );

    expect([refused.status, refused.code]).toEqual([
      409,
      'contact.has_open_deals',
    ]);
    expect(refused.meta.dealIds).toEqual([shared.id]);
    const [sharedAfter, soloAfter] = await Promise.all([
      getDeal(workspaceId, shared.id),
      getDeal(workspaceId, solo.id),
    ]);
    expect(sharedAfter).toMatchObject({
      status: 'lost',
      primaryContactId: champion.id,
      contactIds: [champion.id],
      lostReason: 'Contact deleted',
    });
    expect(soloAfter.status).toBe('lost');
  });

  it('refuses a deal that links a contact that does not exist', async () => {
    const error = await failureOf(
      createDeal(
        workspaceId,
        { title: 'Ghost', primaryContactId: 'ct_missing' },
        { actor },
      ),
    );

    expect([error.status, error.code]).toEqual([400, 'deal.contact_not_found']);
    expect(
      (await listDeals(workspaceId, { contactId: 'ct_missing' }, 10)).items,
    ).toEqual([]);
  });
});
