import {
  createForm,
  getContact,
  readContactByEmail,
  readTimeline,
  submitForm,
} from '@rapport/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail, useTestTable } from '../support/aws';

let workspaceId: string;
type Form = Awaited<ReturnType<typeof createForm>>;
let webinar: Form;
let ebook: Form;

beforeAll(async () => {
  ({ workspaceId } = await useTestTable());
  webinar = await createForm(workspaceId, {
    name: 'Webinar',
    tags: ['webinar'],
    source: 'webinar-landing',
    lifecycleStage: 'marketing_qualified',
    allowedOrigins: [],
    honeypotField: 'website',
  });
  ebook = await createForm(workspaceId, {
    name: 'Ebook',
    tags: ['ebook', 'WEBINAR'],
    source: 'ebook-landing',
    lifecycleStage: 'lead',
    allowedOrigins: [],
    honeypotField: '_gotcha',
  });
});

const typesOn = async (contactId: string) =>
  (await readTimeline(workspaceId, contactId, 50)).items.map(
    (event) => event.type,
  );

describe('form submissions on DynamoDB Local', () => {
  it('creates a contact with the form tags, source and stage', async () => {
    const email = uniqueEmail('new');

    const outcome = await submitForm(workspaceId, webinar, {
      email,
      first_name: 'Ada',
      plan: 'pro',
    });

    expect(outcome.status).toBe('accepted');
    const contact = await readContactByEmail(workspaceId, email);
    expect(contact).toMatchObject({
      firstName: 'Ada',
      tags: ['webinar'],
      source: 'webinar-landing',
      latestSource: 'webinar-landing',
      lifecycleStage: 'marketing_qualified',
      customFields: { plan: 'pro' },
    });
    // Newest first: the form's tags are added as the contact is created.
    expect(await typesOn(contact?.id ?? '')).toEqual([
      'form.submitted',
      'contact.tag_added',
      'contact.created',
    ]);
  });

  it('updates and tags a known contact without duplicating it or moving its stage back', async () => {
    const email = uniqueEmail('known');
    await submitForm(workspaceId, webinar, { email, first_name: 'Ada' });

    await submitForm(workspaceId, ebook, {
      email: email.toUpperCase(),
      company: 'Analytical Engines',
    });

    const contact = await readContactByEmail(workspaceId, email);
    expect(contact).toMatchObject({
      email,
      firstName: 'Ada',
      company: 'Analytical Engines',
      tags: ['webinar', 'ebook'],
      source: 'webinar-landing',
      latestSource: 'ebook-landing',
      lifecycleStage: 'marketing_qualified',
      version: 2,
    });
    expect(await typesOn(contact?.id ?? '')).toEqual([
      'form.submitted',
      'contact.tag_added',
      'contact.updated',
      'form.submitted',
      'contact.tag_added',
      'contact.created',
    ]);
  });

  it('counts a double submit once and answers the first submission', async () => {
    const email = uniqueEmail('twice');
    const fields = { email, first_name: 'Ada' };

    const first = await submitForm(workspaceId, webinar, fields);
    const second = await submitForm(workspaceId, webinar, {
      first_name: 'Ada',
      email,
    });

    expect(second).toEqual({
      status: 'duplicate',
      submissionId: first.submissionId,
    });
    const contact = await readContactByEmail(workspaceId, email);
    // Newest first: the form's tags are added as the contact is created.
    expect(await typesOn(contact?.id ?? '')).toEqual([
      'form.submitted',
      'contact.tag_added',
      'contact.created',
    ]);
  });

  it('stores nothing for a bot that fills the honeypot', async () => {
    const email = uniqueEmail('bot');

    const outcome = await submitForm(workspaceId, webinar, {
      email,
      website: 'http://spam.example',
    });

    expect(outcome.status).toBe('dropped');
    expect(await readContactByEmail(workspaceId, email)).toBeUndefined();
  });

  it('leaves one contact when eight different submissions of a new email race', async () => {
    const email = uniqueEmail('race');

    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submitForm(workspaceId, webinar, { email, [`answer${i}`]: String(i) }),
      ),
    );

    expect(outcomes.every((outcome) => outcome.status === 'accepted')).toBe(
      true,
    );
    const contact = await readContactByEmail(workspaceId, email);
    const stored = await getContact(workspaceId, contact?.id ?? '');
    expect(Object.keys(stored.customFields).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `answer${i}`),
    );
    const types = await typesOn(stored.id);
    expect(types.filter((type) => type === 'contact.created')).toHaveLength(1);
    expect(types.filter((type) => type === 'form.submitted')).toHaveLength(8);
  });
});
