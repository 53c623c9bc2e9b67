import type { DomainEvent, EventType } from './catalog';
import { contactSamples } from './contact.samples';
import { dealSamples } from './deal.samples';
import { formSamples } from './form.samples';
import { pipelineSamples } from './pipeline.samples';
import { sequenceSamples } from './sequence.samples';
import { touchpointSamples } from './touchpoint.samples';

/** One realistic example of every event, checked against its schema. */
export const eventSamples: { [K in EventType]: DomainEvent<K> } = {
  ...contactSamples,
  ...dealSamples,
  ...formSamples,
  ...pipelineSamples,
  ...sequenceSamples,
  ...touchpointSamples,
};
