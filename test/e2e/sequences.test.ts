import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeFunction } from '@rapport/local/lambda/invoke';
import { startLocalStack } from '@rapport/local/stack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emailsTo, eventually, uniqueEmail } from '../support/aws';
import { startTestStack, type TestStack } from '../support/stack';

const day = 86_400;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ timeScale: day });
});

afterAll(async () => {
  await stack?.stop();
});

const sequenceOf = async (waits: string[]) => {
  const steps = [
    { type: 'email', subject: 'Email 1 for {{ contact.email }}', text: 'one' },
  ];
  waits.forEach((duration, i) => {
    steps.push({ type: 'wait', duration } as never, {
      type: 'email',
      subject: `Email ${i + 2}`,
      text: 'more',
    });
  });
  const sequence = await stack.api('/v1/sequences', {
    body: { name: 'Follow-up', steps },
  });
  const form = await stack.api('/v1/forms', {
    body: { name: 'Signup', sequenceId: sequence.body.id },
  });

  return {
    sequenceId: sequence.body.id as string,
    formId: form.body.id as string,
  };
};

const submit = (formId: string, email: string) =>
  fetch(`${stack.apiUrl}/v1/forms/${formId}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });

const timelineOf = async (email: string) => {
  const found = await stack.api(
    `/v1/contacts?email=${encodeURIComponent(email)}`,
  );
  const id = found.body.items[0]?.id ?? found.body.id;
  const page = await stack.api(`/v1/contacts/${id}/timeline?limit=100`);

  return {
    id: id as string,
    items: page.body.items as { type: string; data: Record<string, unknown> }[],
  };
};

describe('sequences on the local stack', () => {
  it('starts one run when the bus delivers the same event twice', async () => {
    const { formId } = await sequenceOf([]);
    const email = uniqueEmail('redelivered');
    await submit(formId, email);
    await eventually(async () =>
      (await emailsTo(email)).length === 1 ? true : undefined,
    );
    const submitted = (await timelineOf(email)).items.find(
      (item) => item.type === 'form.submitted',
    );

    const again = await invokeFunction('enrollInSequence', {
      version: '0',
      id: randomUUID(),
      'detail-type': 'form.submitted',
      source: 'rapport',
      detail: submitted,
    });
    await stack.drained();
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(again).toMatchObject({ status: 'started' });
    expect(await emailsTo(email)).toHaveLength(1);
    const types = (await timelineOf(email)).items.map((item) => item.type);
    expect(types.filter((type) => type === 'sequence.enrolled')).toHaveLength(
      1,
    );
    expect(types.filter((type) => type === 'email.sent')).toHaveLength(1);
  });

  it('sends one email when a send task is retried', async () => {
    const { formId } = await sequenceOf([]);
    const email = uniqueEmail('retried');
    await submit(formId, email);
    await eventually(async () =>
      (await emailsTo(email)).length === 1 ? true : undefined,
    );
    const { id, items } = await timelineOf(email);
    const enrolled = items.find((item) => item.type === 'sequence.enrolled');

    const retry = await invokeFunction('sequenceSendEmail', {
      workspaceId: stack.workspaceId,
      contactId: id,
      enrollmentId: enrolled?.data.enrollmentId,
      position: 0,
    });

    expect(retry).toMatchObject({ status: 'already_sent' });
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('stops a run when its contact is deleted', async () => {
    const { formId } = await sequenceOf(['P2D']);
    const email = uniqueEmail('leaver');
    await submit(formId, email);
    await eventually(async () =>
      (await emailsTo(email)).length === 1 ? true : undefined,
    );
    const { id } = await timelineOf(email);

    const deleted = await stack.api(`/v1/contacts/${id}`, { method: 'DELETE' });

    expect(deleted.status).toBe(204);
    const completed = await eventually(async () => {
      const page = await stack.api(`/v1/contacts/${id}/timeline`);
      return page.body.items.find(
        (item: { type: string }) => item.type === 'sequence.completed',
      );
    });
    expect(completed.data.reason).toBe('contact_deleted');
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('sends links carrying a rid that the page-view tracker attributes to the contact', async () => {
    const sequence = await stack.api('/v1/sequences', {
      body: {
        name: 'Welcome with links',
        steps: [
          {
            type: 'email',
            subject: 'Welcome',
            text: 'Plans: https://shop.example/plans?rid={{ tracking.rid }}',
            html: '<p><a href="https://shop.example/plans?plan=pro&amp;seats=5#compare">Plans</a> <a href="mailto:sales@shop.example">Write to us</a></p>',
          },
        ],
      },
    });
    const form = await stack.api('/v1/forms', {
      body: { name: 'Welcome', sequenceId: sequence.body.id },
    });
    const email = uniqueEmail('linked');

    await submit(form.body.id, email);
    const [sent] = await eventually(async () => {
      const found = await emailsTo(email);
      return found.length === 1 ? found : undefined;
    });
    const hrefs = [...String(sent?.body.html).matchAll(/href="([^"]*)"/g)].map(
      (match) => String(match[1]).replaceAll('&amp;', '&'),
    );
    const link = new URL(String(hrefs[0]));
    const rid = String(link.searchParams.get('rid'));
    const view = await stack.api('/v1/track/pageview', {
      body: { w: stack.workspaceId, url: link.toString(), rid },
      headers: { authorization: '' },
    });
    const { id, items } = await timelineOf(email);

    expect(sequence.status).toBe(201);
    expect(hrefs[1]).toBe('mailto:sales@shop.example');
    expect(link.origin + link.pathname + link.hash).toBe(
      'https://shop.example/plans#compare',
    );
    expect([
      link.searchParams.get('plan'),
      link.searchParams.get('seats'),
    ]).toEqual(['pro', '5']);
    expect(rid.split('.').slice(0, 2)).toEqual([stack.workspaceId, id]);
    expect(sent?.body.text).toBe(
      `Plans: https://shop.example/plans?rid=${rid}`,
    );
    expect(view.status).toBe(202);
    expect(
      items
        .filter((item) => item.type === 'page.viewed')
        .map((item) => (item.data.pageView as { url: string }).url),
    ).toEqual(['https://shop.example/plans']);
  });
});

describe('a local stack restarted mid-sequence', () => {
  it('resumes the run from its current step without resending', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rapport-restart-'));
    const options = {
      port: 0,
      tableName: `restart-${randomUUID()}`,
      dynamoEndpoint: inject('dynamoEndpoint'),
      sesEndpoint: inject('sesEndpoint'),
      timeScale: day / 2,
      dataDir,
      log: () => undefined,
    };
    const email = uniqueEmail('restart');
    try {
      const first = await startLocalStack(options);
      const auth = {
        authorization: `Bearer ${first.apiKey}`,
        'content-type': 'application/json',
      };
      const post = (url: string, body: unknown) =>
        fetch(url, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify(body),
        }).then((r) => r.json() as Promise<{ id: string }>);
      const sequence = await post(`${first.apiUrl}/v1/sequences`, {
        name: 'Slow',
        steps: [
          { type: 'email', subject: 'one', text: '1' },
          { type: 'wait', duration: 'P1D' },
          { type: 'email', subject: 'two', text: '2' },
          { type: 'wait', duration: 'P1D' },
          { type: 'email', subject: 'three', text: '3' },
        ],
      });
      const form = await post(`${first.apiUrl}/v1/forms`, {
        name: 'Slow',
        sequenceId: sequence.id,
      });
      await fetch(`${first.apiUrl}/v1/forms/${form.id}/submissions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ email }),
      });
      await eventually(async () =>
        (await emailsTo(email)).length === 1 ? true : undefined,
      );

      await first.stop();
      const second = await startLocalStack(options);
      await eventually(
        async () => ((await emailsTo(email)).length === 3 ? true : undefined),
        20_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await second.stop();

      expect((await emailsTo(email)).map((sent) => sent.subject)).toEqual([
        'one',
        'two',
        'three',
      ]);
      expect(second.apiKey).toBe(first.apiKey);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
