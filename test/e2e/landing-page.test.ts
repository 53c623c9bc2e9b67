import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailsTo, eventually, uniqueEmail } from '../support/aws';
import { launchChromium } from '../support/browser';
import { serveLandingPages } from '../support/landing-server';
import { startTestStack, type TestStack } from '../support/stack';

// A day passes in a second, so the 0-1-3 day sequence takes about 3 s.
const timeScale = 86_400;

let stack: TestStack;
let browser: Browser;
let landing: Awaited<ReturnType<typeof serveLandingPages>>;
let formId: string;

beforeAll(async () => {
  stack = await startTestStack({ timeScale });
  landing = await serveLandingPages();
  browser = await launchChromium();
  const sequence = await stack.api('/v1/sequences', {
    body: {
      name: 'Webinar follow-up',
      steps: [
        {
          type: 'email',
          subject: 'Welcome, {{ contact.firstName | default: "there" }}',
          text: 'Hi {{ contact.firstName }}, your seat is saved.',
          html: '<p>Hi {{ contact.firstName }}, your seat is saved.</p>',
        },
        { type: 'wait', duration: 'P1D' },
        {
          type: 'email',
          subject: 'Day 1 for {{ contact.firstName }}',
          text: 'See you soon.',
        },
        { type: 'wait', duration: 'P2D' },
        {
          type: 'email',
          subject: 'Day 3 for {{ contact.firstName }}',
          text: 'The recording is up.',
        },
      ],
    },
  });
  const form = await stack.api('/v1/forms', {
    body: {
      name: 'Webinar signup',
      tags: ['webinar', 'Lead Magnet'],
      source: 'webinar-landing',
      redirectUrl: `${landing.origin}/thanks`,
      allowedOrigins: [landing.origin],
      sequenceId: sequence.body.id,
    },
  });
  formId = form.body.id;
  landing.state.action = `${stack.apiUrl.replace('localhost', '127.0.0.1')}/v1/forms/${formId}/submissions`;
});

afterAll(async () => {
  await browser?.close();
  await landing?.stop();
  await stack?.stop();
});

const submitInBrowser = async (email: string, firstName: string) => {
  const page = await browser.newPage();
  await page.goto(landing.origin);
  await page.fill('input[name=first_name]', firstName);
  await page.fill('input[name=last_name]', 'Hopper');
  await page.fill('input[name=email]', email);
  await page.selectOption('select[name=role]', 'Marketer');
  await Promise.all([
    page.waitForURL(`${landing.origin}/thanks`),
    page.click('button[type=submit]'),
  ]);
  const heading = await page.textContent('h1');
  await page.close();

  return heading;
};

describe('a lead from a real landing page', () => {
  it('becomes a tagged contact and receives the day 0, 1 and 3 emails once', async () => {
    const email = uniqueEmail('grace');

    const heading = await submitInBrowser(email, 'Grace');

    expect(heading).toBe('Thanks, you are in.');
    const found = await stack.api(
      `/v1/contacts?email=${encodeURIComponent(email)}`,
    );
    expect(found.body.items).toHaveLength(1);
    const contact = found.body.items[0];
    expect(contact).toMatchObject({
      email,
      firstName: 'Grace',
      lastName: 'Hopper',
      tags: ['webinar', 'Lead Magnet'],
      source: 'webinar-landing',
      lifecycleStage: 'lead',
      customFields: { role: 'Marketer' },
    });

    const emails = await eventually(async () => {
      const sent = await emailsTo(email);
      return sent.length >= 3 ? sent : undefined;
    }, 30_000);
    expect(emails.map((sent) => sent.subject)).toEqual([
      'Welcome, Grace',
      'Day 1 for Grace',
      'Day 3 for Grace',
    ]);
    expect(emails[0]?.body.html).toBe('<p>Hi Grace, your seat is saved.</p>');

    const timeline = await eventually(async () => {
      const read = await stack.api(
        `/v1/contacts/${contact.id}/timeline?limit=50`,
      );
      const items: { type: string; at: string }[] = read.body.items;
      return items.some((item) => item.type === 'sequence.completed')
        ? items.reverse()
        : undefined;
    });
    const types = timeline.map((item) => item.type);
    expect(types.filter((type) => type === 'email.sent')).toHaveLength(3);
    expect(types.filter((type) => type === 'form.submitted')).toHaveLength(1);
    expect(types[0]).toBe('contact.created');
    // One scaled day is 1000 ms: the sends are at least 1 and then 2 days apart.
    const sentAt = timeline
      .filter((item) => item.type === 'email.sent')
      .map((item) => Date.parse(item.at));
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((sentAt[2] ?? 0) - (sentAt[1] ?? 0)).toBeGreaterThanOrEqual(2000);

    // A later submission updates the contact but does not enroll it again.
    await submitInBrowser(email, 'Amazing Grace');
    await stack.drained();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const again = await stack.api(
      `/v1/contacts?email=${encodeURIComponent(email)}`,
    );
    expect(again.body.items).toHaveLength(1);
    expect(again.body.items[0].firstName).toBe('Amazing Grace');
    expect(await emailsTo(email)).toHaveLength(3);
  });
});
