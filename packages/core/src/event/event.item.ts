import type {
  Actor,
  DomainEvent,
  EventData,
  EventType,
  Subject,
} from '@rapport/events';
import { newId } from '../ids';
import { keys } from '../table/keys';
import type { TransactionStep } from '../table/transact';

export interface NewEvent<T extends EventType> {
  type: T;
  workspaceId: string;
  /** The record whose timeline owns the event: a contact by default. */
  contactId?: string;
  subject?: Subject;
  actor: Actor;
  data: EventData<T>;
  at?: Date;
}

/** Builds a domain event with a fresh time-ordered id. */
export const buildEvent = <T extends EventType>(
  input: NewEvent<T>,
): DomainEvent<T> => {
  const at = input.at ?? new Date();

  return {
    id: newId('evt', at.getTime()),
    type: input.type,
    at: at.toISOString(),
    workspaceId: input.workspaceId,
    subject: input.subject ?? { type: 'contact', id: String(input.contactId) },
    actor: input.actor,
    data: input.data,
  } as DomainEvent<T>;
};

/**
 * The transaction step that appends an event to its subject's timeline. The
 * stream carries the item to the bus, so the event exists exactly when the
 * change it describes does.
 */
export const appendEvent = (event: DomainEvent): TransactionStep => ({
  write: {
    Put: {
      TableName: '',
      Item: {
        ...keys.event(event.workspaceId, event.subject, event.id),
        entity: 'Event',
        ...event,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
});

/**
 * Copies of an event on the timelines of other records it concerns (the
 * contacts of a deal, say), written in the same transaction. Copies are
 * `TimelineEntry` items, which the stream does not publish, so the bus
 * carries each event once.
 */
export const appendEventCopies = (
  event: DomainEvent,
  subjects: Subject[],
): TransactionStep[] =>
  subjects.map((subject) => ({
    write: {
      Put: {
        TableName: '',
        Item: {
          ...keys.event(event.workspaceId, subject, event.id),
          entity: 'TimelineEntry',
          ...event,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  }));

/** The event stored in a timeline item, without its table attributes. */
export const eventFromItem = (item: Record<string, unknown>): DomainEvent => {
  const { pk: _pk, sk: _sk, entity: _entity, ...event } = item;

  return event as DomainEvent;
};
