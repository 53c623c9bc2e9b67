import {
  durationSeconds,
  renderTemplate,
  sequenceCreateSchema,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';

describe('durations', () => {
  it.each([
    ['P1D', 86_400],
    ['P2D', 172_800],
    ['PT36H', 129_600],
    ['P1W', 604_800],
    ['P1DT30M', 88_200],
    ['PT90S', 90],
  ])('reads %s as %i seconds', (duration, seconds) => {
    expect(durationSeconds(duration)).toBe(seconds);
  });

  it('refuses months, which have no fixed length', () => {
    expect(() => durationSeconds('P1M')).toThrow(/not years or months/);
  });
});

describe('sequence input', () => {
  const email = { type: 'email', subject: 'Hi', text: 'Hello' };

  it.each([
    {
      title: 'a template that does not parse',
      steps: [{ ...email, html: '<p>{{ contact.firstName </p>' }],
      path: ['steps', 0, 'html'],
    },
    {
      title: 'an unknown filter',
      steps: [{ ...email, subject: '{{ contact.firstName | shout }}' }],
      path: ['steps', 0, 'subject'],
    },
    {
      title: 'an email with no body',
      steps: [{ type: 'email', subject: 'Hi' }],
      path: ['steps', 0, 'text'],
    },
    {
      title: 'a wait in months',
      steps: [email, { type: 'wait', duration: 'P1M' }],
      path: ['steps', 1, 'duration'],
    },
    {
      title: 'a wait of zero',
      steps: [email, { type: 'wait', duration: 'PT0S' }],
      path: ['steps', 1, 'duration'],
    },
    {
      title: 'an unknown step type',
      steps: [{ type: 'sms', text: 'x' }],
      path: ['steps', 0, 'type'],
    },
    { title: 'no steps', steps: [], path: ['steps'] },
  ])('refuses $title', ({ steps, path }) => {
    const result = sequenceCreateSchema.safeParse({ name: 'S', steps });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(
      path,
    );
  });

  it('accepts a day 0, 1 and 3 sequence', () => {
    const steps = [
      email,
      { type: 'wait', duration: 'P1D' },
      email,
      { type: 'wait', duration: 'P2D' },
      email,
    ];

    expect(sequenceCreateSchema.parse({ name: 'S', steps }).steps).toHaveLength(
      5,
    );
  });
});

describe('merge fields', () => {
  const contact = {
    firstName: '<Ada & "Bob">',
    lastName: null,
    customFields: { plan: 'pro' },
  };

  it('escapes values in html bodies', async () => {
    expect(
      await renderTemplate('<p>Hi {{ contact.firstName }}</p>', 'html', {
        contact,
      }),
    ).toBe('<p>Hi &lt;Ada &amp; &#34;Bob&#34;&gt;</p>');
  });

  it('leaves text bodies and subjects unescaped', async () => {
    expect(
      await renderTemplate('Hi {{ contact.firstName }}', 'text', { contact }),
    ).toBe('Hi <Ada & "Bob">');
  });

  it('falls back with default when a field is empty', async () => {
    expect(
      await renderTemplate(
        'Hi {{ contact.lastName | default: "there" }}, {{ contact.customFields.plan }}',
        'text',
        { contact },
      ),
    ).toBe('Hi there, pro');
  });
});
