import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  attachVisitor,
  createContact,
  createForm,
  dynamo,
  keys,
  readTimeline,
  recordPageView,
  submitForm,
  tableName,
  trackingId,
} from '@rapport/core';
import type { PageView } from '@rapport/events';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';

let workspaceId: string;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
});

const views = async (contactId: string) =>
  (
    await readTimeline(workspaceId, contactId, 50, undefined, {
      types: ['page.viewed'],
    })
  ).items.map((entry) => (entry.data as { pageView: PageView }).pageView);

const anonymousViews = async (visitorId: string) =>
  (
    await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.anonymousView(workspaceId, visitorId, '').pk,
          ':prefix': keys.anonymousViewPrefix,
        },
      }),
    )
  ).Items ?? [];

describe('page views on DynamoDB Local', () => {
  it('attaches an unknown visitor’s views to the contact their form submit makes', async () => {
    const first = await recordPageView(
      {
        w: workspaceId,
        url: 'https://landing.example/pricing?utm_source=newsletter&utm_campaign=winter&email=ada@example.com',
        referrer: 'https://search.example/results?q=crm',
        title: 'Pricing',
      },
      new Date(Date.now() - 120_000),
    );
    await recordPageView(
      {
        w: workspaceId,
        url: 'https://landing.example/signup',
        vid: first.visitorId,
      },
      new Date(Date.now() - 60_000),
    );
    const form = await createForm(workspaceId, {
      name: 'Signup',
      tags: [],
      lifecycleStage: 'lead',
      allowedOrigins: [],
      honeypotField: '_gotcha',
    });

    const outcome = await submitForm(workspaceId, form, {
      email: uniqueEmail('visitor'),
      _vid: first.visitorId,
    });
    if (outcome.status !== 'accepted') throw new Error('not accepted');
    const attached = await attachVisitor(
      workspaceId,
      first.visitorId,
      outcome.contactId,
    );
    const again = await attachVisitor(
      workspaceId,
      first.visitorId,
      outcome.contactId,
    );
    const afterwards = await recordPageView({
      w: workspaceId,
      url: 'https://landing.example/welcome',
      vid: first.visitorId,
    });

    expect([attached, again]).toEqual([2, 0]);
    expect(afterwards.contactId).toBe(outcome.contactId);
    expect(await views(outcome.contactId)).toMatchObject([
      { url: 'https://landing.example/welcome' },
      { url: 'https://landing.example/signup', visitorId: first.visitorId },
      {
        url: 'https://landing.example/pricing',
        title: 'Pricing',
        referrer: 'https://search.example/results',
        utm: { utm_source: 'newsletter', utm_campaign: 'winter' },
      },
    ]);
    const timeline = await readTimeline(workspaceId, outcome.contactId, 10);
    expect(timeline.items.map((entry) => entry.type)).toEqual([
      'page.viewed',
      'form.submitted',
      'contact.created',
      'page.viewed',
      'page.viewed',
    ]);
    expect(await anonymousViews(first.visitorId)).toEqual([]);
  });

  it('keeps anonymous views for thirty days and attaches none that expired', async () => {
    const then = new Date(Date.now() - 31 * 86_400_000);
    const old = await recordPageView(
      { w: workspaceId, url: 'https://landing.example/old' },
      then,
    );
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('late') },
      { type: 'api_key' },
    );

    const stored = await anonymousViews(old.visitorId);
    const attached = await attachVisitor(
      workspaceId,
      old.visitorId,
      contact.id,
    );

    expect(stored).toHaveLength(1);
    expect(stored[0]?.expiresAt).toBe(
      Math.floor(then.getTime() / 1000) + 30 * 86_400,
    );
    // What is kept of a visitor: no address, no agent, nothing beyond the page.
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual([
      'entity',
      'expiresAt',
      'pageView',
      'pk',
      'sk',
      'workspaceId',
    ]);
    expect(attached).toBe(0);
  });

  it('credits a view with a signed id to its contact, and ignores a forged one', async () => {
    const contact = await createContact(
      workspaceId,
      { email: uniqueEmail('signed') },
      { type: 'api_key' },
    );
    const rid = await trackingId(workspaceId, contact.id);
    const forged = `${rid.slice(0, -4)}AAAA`;

    const signed = await recordPageView({
      w: workspaceId,
      url: 'https://landing.example/a',
      rid,
    });
    const unsigned = await recordPageView({
      w: workspaceId,
      url: 'https://landing.example/b',
      rid: forged,
    });

    expect(signed.contactId).toBe(contact.id);
    expect(unsigned.contactId).toBeNull();
    expect((await views(contact.id)).map((view) => view.url)).toEqual([
      'https://landing.example/a',
    ]);
  });

  it('refuses views for a workspace that does not exist', async () => {
    const error = await recordPageView({
      w: 'ws_nowhere',
      url: 'https://landing.example/',
    }).catch((failure) => failure);

    expect(error).toMatchObject({ status: 404, code: 'workspace.not_found' });
  });
});
