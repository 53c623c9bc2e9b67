import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('a pipeline board through the API', () => {
  it('shows counts and weighted totals per stage after deals move', async () => {
    const contact = await stack.api('/v1/contacts', {
      body: { email: uniqueEmail('board') },
    });
    const created = await stack.api('/v1/pipelines', {
      body: {
        name: 'Enterprise',
        stages: [
          { name: 'Discovery', probability: 20 },
          { name: 'Proposal', probability: 50, stalledAfterDays: 10 },
          { name: 'Contract', probability: 90 },
        ],
      },
    });
    const pipelineId = created.body.id as string;
    const [discovery, proposal, contract] = (
      created.body.stages as { id: string }[]
    ).map((stage) => stage.id);
    const deal = (title: string, value: number, currency: string) =>
      stack.api('/v1/deals', {
        body: {
          title,
          pipelineId,
          amount: { value, currency },
          primaryContactId: contact.body.id,
        },
      });
    const alpha = await deal('Alpha', 100_000, 'EUR');
    const beta = await deal('Beta', 33_333, 'EUR');
    const gamma = await deal('Gamma', 1_005, 'BHD');
    const move = (id: string, version: number, body: object) =>
      stack.api(`/v1/deals/${id}`, {
        method: 'PATCH',
        body,
        headers: { 'if-match': `"${version}"` },
      });

    const moved = await move(alpha.body.id, 1, { stageId: proposal });
    await move(beta.body.id, 1, { stageId: proposal });
    await move(gamma.body.id, 1, { stageId: contract });
    const stale = await move(alpha.body.id, 1, { stageId: contract });
    const board = await stack.api(`/v1/pipelines/${pipelineId}/board`);

    expect([created.status, alpha.status, moved.status]).toEqual([
      201, 201, 200,
    ]);
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('deal.version_conflict');
    expect(board.status).toBe(200);
    expect(
      board.body.stages.map(
        (stage: { id: string; count: number; totals: unknown }) => [
          stage.id,
          stage.count,
          stage.totals,
        ],
      ),
    ).toEqual([
      [discovery, 0, []],
      // 133,333 cents at 50 % is 66,666.5, rounded half to even.
      [proposal, 2, [{ currency: 'EUR', amount: 133_333, weighted: 66_666 }]],
      // 1,005 fils at 90 % is 904.5, rounded half to even.
      [contract, 1, [{ currency: 'BHD', amount: 1_005, weighted: 904 }]],
    ]);
    const proposalDeals = board.body.stages[1].deals;
    expect(proposalDeals.items.map((d: { title: string }) => d.title)).toEqual([
      'Beta',
      'Alpha',
    ]);
    expect(
      proposalDeals.items.every((d: { stalled: boolean }) => !d.stalled),
    ).toBe(true);

    const firstPage = await stack.api(
      `/v1/pipelines/${pipelineId}/board?stageId=${proposal}&limit=1`,
    );
    const secondPage = await stack.api(
      `/v1/pipelines/${pipelineId}/board?stageId=${proposal}&limit=1&cursor=${firstPage.body.stages[0].deals.nextCursor}`,
    );
    expect(firstPage.body.stages[0].deals.items[0].title).toBe('Beta');
    expect(secondPage.body.stages[0].deals.items[0].title).toBe('Alpha');

    const timeline = await stack.api(`/v1/deals/${alpha.body.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'deal.stage_changed',
      'deal.created',
    ]);
    const contactDeals = await stack.api(
      `/v1/contacts/${contact.body.id}/deals`,
    );
    expect(
      contactDeals.body.items.map((d: { title: string }) => d.title),
    ).toEqual(['Alpha', 'Beta', 'Gamma']);
    const refused = await stack.api(`/v1/contacts/${contact.body.id}`, {
      method: 'DELETE',
    });
    expect([refused.status, refused.body.error.code]).toEqual([
      409,
      'contact.has_open_deals',
    ]);
  });

  it('answers bad deal input with field paths and writes nothing', async () => {
    const response = await stack.api('/v1/deals', {
      body: {
        title: 'Bad',
        amount: { value: 12.5, currency: 'EURO' },
        status: 'maybe',
      },
    });

    expect(response.status).toBe(400);
    expect(
      response.body.error.details.map((d: { path: string }) => d.path).sort(),
    ).toEqual(['amount.currency', 'amount.value', 'status']);
    const listed = await stack.api('/v1/deals?limit=100');
    expect(
      listed.body.items.some((d: { title: string }) => d.title === 'Bad'),
    ).toBe(false);
  });
  it('answers a pipeline timeline with its creation and each stage change', async () => {
    const created = await stack.api('/v1/pipelines', {
      body: {
        name: 'Partners',
        stages: [
          { name: 'Intro', probability: 10 },
          { name: 'Pilot', probability: 60 },
        ],
      },
    });
    const [intro, pilot] = created.body.stages as { id: string }[];

    const patched = await stack.api(`/v1/pipelines/${created.body.id}`, {
      method: 'PATCH',
      body: {
        stages: [
          { ...pilot, probability: 70 },
          { ...intro, name: 'Introduction' },
        ],
      },
      headers: { 'if-match': '"1"' },
    });
    const first = await stack.api(
      `/v1/pipelines/${created.body.id}/timeline?limit=1`,
    );
    const rest = await stack.api(
      `/v1/pipelines/${created.body.id}/timeline?limit=1&cursor=${first.body.nextCursor}`,
    );
    const unknown = await stack.api('/v1/pipelines/pl_missing/timeline');

    expect([patched.status, first.status, rest.status, unknown.status]).toEqual(
      [200, 200, 200, 404],
    );
    expect(first.body.items[0]).toMatchObject({
      type: 'pipeline.updated',
      subject: { type: 'pipeline', id: created.body.id },
      data: {
        changes: {
          stagesRenamed: [
            { stageId: intro?.id, from: 'Intro', to: 'Introduction' },
          ],
          stagesReordered: {
            from: [intro?.id, pilot?.id],
            to: [pilot?.id, intro?.id],
          },
          probabilityChanged: [{ stageId: pilot?.id, from: 60, to: 70 }],
        },
        version: 2,
      },
    });
    expect(rest.body.items.map((e: { type: string }) => e.type)).toEqual([
      'pipeline.created',
    ]);
    expect(rest.body.nextCursor).toBeNull();
  });
});
