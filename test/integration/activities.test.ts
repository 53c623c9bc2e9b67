import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  createContact,
  deleteActivity,
  dynamo,
  getActivity,
  keys,
  logActivity,
  readRecordTimeline,
  readTimeline,
  tableName,
  updateActivity,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';
import { failureOf } from '../support/failure';

const actor = { type: 'api_key' } as const;
let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

/** A deal as the deals area stores it; only its key matters here. */
const storeDeal = async (dealId: string) => {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.deal(workspaceId, dealId), entity: 'Deal', id: dealId },
    }),
  );

  return dealId;
};

const newContactId = async (name: string) =>
  (await createContact(workspaceId, { email: uniqueEmail(name) }, actor)).id;

const activityEntries = async (subject: {
  type: 'contact' | 'deal';
  id: string;
}) =>
  (
    await readRecordTimeline(workspaceId, subject, 100, undefined, {
      types: ['activity.logged', 'activity.updated', 'activity.deleted'],
    })
  ).items;

describe('activities on DynamoDB Local', () => {
  it('shows an activity once on each of two contacts and a deal', async () => {
    const ada = await newContactId('ada');
    const grace = await newContactId('grace');
    const dealId = await storeDeal('deal_two_contacts');

    const call = await logActivity(
      workspaceId,
      {
        type: 'call',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        contactIds: [ada, grace, ada],
        dealId,
        ownerId: 'rep_lin',
        durationMinutes: 20,
        outcome: 'connected',
        body: 'Both want the annual plan.',
      },
      actor,
    );

    expect(call.contactIds).toEqual([ada, grace]);
    for (const subject of [
      { type: 'contact' as const, id: ada },
      { type: 'contact' as const, id: grace },
      { type: 'deal' as const, id: dealId },
    ]) {
      const entries = await activityEntries(subject);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        type: 'activity.logged',
        at: call.occurredAt,
        data: { activity: { id: call.id, type: 'call', outcome: 'connected' } },
      });
    }
  });

  it('places a call logged late where it happened on the timeline', async () => {
    const contactId = await newContactId('late');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();

    await logActivity(
      workspaceId,
      {
        type: 'note',
        occurredAt: new Date().toISOString(),
        contactIds: [contactId],
        body: 'Today',
      },
      actor,
    );
    await logActivity(
      workspaceId,
      { type: 'call', occurredAt: yesterday, contactIds: [contactId] },
      actor,
    );

    const timeline = await readTimeline(workspaceId, contactId, 10);
    expect(timeline.items.map((entry) => entry.type)).toEqual([
      'activity.logged',
      'contact.created',
      'activity.logged',
    ]);
    expect(timeline.items[2]?.at).toBe(yesterday);
  });

  it('refuses a link to a contact or deal that does not exist, writing nothing', async () => {
    const contactId = await newContactId('lonely');

    const missingContact = await failureOf(
      logActivity(
        workspaceId,
        {
          type: 'note',
          occurredAt: new Date().toISOString(),
          contactIds: [contactId, 'ct_missing'],
        },
        actor,
      ),
    );
    const missingDeal = await failureOf(
      logActivity(
        workspaceId,
        {
          type: 'note',
          occurredAt: new Date().toISOString(),
          contactIds: [contactId],
          dealId: 'deal_missing',
        },
        actor,
      ),
    );

    expect(missingContact.status).toBe(404);
    expect(missingContact.details).toEqual([
      { path: 'contactIds[1]', message: 'No contact has this id' },
    ]);
    expect(missingDeal.code).toBe('deal.not_found');
    expect(await activityEntries({ type: 'contact', id: contactId })).toEqual(
      [],
    );
  });

  it('refuses an outcome or duration the type does not have', async () => {
    const contactId = await newContactId('rules');

    const error = await failureOf(
      logActivity(
        workspaceId,
        {
          type: 'note',
          occurredAt: new Date().toISOString(),
          contactIds: [contactId],
          outcome: 'connected',
          durationMinutes: 5,
        },
        actor,
      ),
    );

    expect(error.status).toBe(400);
    expect(error.details.map((detail) => detail.path)).toEqual([
      'outcome',
      'durationMinutes',
    ]);
  });

  it('updates an activity onto a newly linked contact and keeps the old ones informed', async () => {
    const first = await newContactId('first');
    const second = await newContactId('second');
    const meeting = await logActivity(
      workspaceId,
      {
        type: 'meeting',
        occurredAt: new Date().toISOString(),
        contactIds: [first],
      },
      actor,
    );

    const updated = await updateActivity(
      workspaceId,
      meeting.id,
      { contactIds: [second], outcome: 'no_show' },
      1,
      actor,
    );

    expect(updated).toMatchObject({
      version: 2,
      contactIds: [second],
      outcome: 'no_show',
    });
    expect(
      (await activityEntries({ type: 'contact', id: first })).map(
        (e) => e.type,
      ),
    ).toEqual(['activity.updated', 'activity.logged']);
    const onSecond = await activityEntries({ type: 'contact', id: second });
    expect(onSecond.map((e) => e.type)).toEqual(['activity.updated']);
    expect(onSecond[0]?.data).toMatchObject({
      changes: {
        contactIds: { from: [first], to: [second] },
        outcome: { from: null, to: 'no_show' },
      },
    });
  });

  it('refuses an update from a stale version', async () => {
    const contactId = await newContactId('stale');
    const note = await logActivity(
      workspaceId,
      {
        type: 'note',
        occurredAt: new Date().toISOString(),
        contactIds: [contactId],
        body: 'v1',
      },
      actor,
    );
    await updateActivity(workspaceId, note.id, { body: 'v2' }, 1, actor);

    const error = await failureOf(
      updateActivity(workspaceId, note.id, { body: 'v3' }, 1, actor),
    );

    expect(error.code).toBe('activity.version_conflict');
    expect((await getActivity(workspaceId, note.id)).body).toBe('v2');
  });

  it('deletes an activity and records the deletion on its timelines', async () => {
    const contactId = await newContactId('deleted');
    const note = await logActivity(
      workspaceId,
      {
        type: 'note',
        occurredAt: new Date().toISOString(),
        contactIds: [contactId],
        body: 'Oops',
      },
      actor,
    );

    await deleteActivity(workspaceId, note.id, undefined, actor);

    expect((await failureOf(getActivity(workspaceId, note.id))).code).toBe(
      'activity.not_found',
    );
    expect(
      (await activityEntries({ type: 'contact', id: contactId })).map(
        (e) => e.type,
      ),
    ).toEqual(['activity.deleted', 'activity.logged']);
  });
});
