import * as z from 'zod/mini';
import { contactEvents } from './contact.events';
import { dealEvents } from './deal.events';
import { formEvents } from './form.events';
import { pipelineEvents } from './pipeline.events';
import { sequenceEvents } from './sequence.events';
import { touchpointEvents } from './touchpoint.events';

/** Every domain event Rapport writes, by type; one file per area. */
export const eventSchemas = {
  ...contactEvents,
  ...dealEvents,
  ...formEvents,
  ...pipelineEvents,
  ...sequenceEvents,
  ...touchpointEvents,
} as const;

export type EventType = keyof typeof eventSchemas;
export type DomainEvent<T extends EventType = EventType> = {
  [K in T]: z.infer<(typeof eventSchemas)[K]>;
}[T];
export type EventData<T extends EventType> = DomainEvent<T>['data'];

export const eventTypes = Object.keys(eventSchemas) as EventType[];

/** Parses any event against its type's schema. */
export const parseEvent = (input: unknown): DomainEvent => {
  const type = z.object({ type: z.enum(eventTypes) }).parse(input).type;

  return eventSchemas[type].parse(input) as DomainEvent;
};
