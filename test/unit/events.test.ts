import { readFileSync } from 'node:fs';
import {
  eventSamples,
  eventSchemas,
  eventTypes,
  parseEvent,
} from '@rapport/events';
import { describe, expect, it } from 'vitest';

const catalogPage = readFileSync(
  new URL('../../docs/events.md', import.meta.url),
  'utf8',
);

describe('the event catalog', () => {
  it.each(eventTypes)('has a sample of %s that its schema accepts', (type) => {
    const sample = eventSamples[type];

    const parsed = eventSchemas[type].safeParse(sample);

    expect(parsed.success).toBe(true);
    expect(sample.type).toBe(type);
  });

  it.each(eventTypes)('lists %s in docs/events.md', (type) => {
    expect(catalogPage).toContain(`\`${type}\``);
  });

  it('refuses an event whose data does not fit its type', () => {
    const broken = { ...eventSamples['email.sent'], data: { to: 'x' } };

    expect(() => parseEvent(broken)).toThrow();
  });

  it('refuses an unknown event type', () => {
    expect(() =>
      parseEvent({
        ...eventSamples['contact.created'],
        type: 'contact.exploded',
      }),
    ).toThrow();
  });
});
