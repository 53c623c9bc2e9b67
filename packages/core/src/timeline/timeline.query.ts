import { type EventType, eventTypes } from '@rapport/events';
import * as z from 'zod/mini';
import { DomainError, type ErrorDetail } from '../errors';
import { pageQuery } from '../http/api-handler';
import type { TimelineFilter } from './timeline.service';

/** Most event types one timeline request may name. */
const maxTypes = 20;

/** Query parameters of every timeline route. */
export const timelineQuery = {
  ...pageQuery,
  type: z.optional(z.string().check(z.maxLength(1000))),
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
};

/**
 * The filter a timeline request asks for: `type` is a comma-separated list
 * of event types, `from` and `to` an inclusive time range.
 */
export const timelineFilter = (query: {
  type?: string;
  from?: string;
  to?: string;
}): TimelineFilter => {
  const details: ErrorDetail[] = [];
  const types = (query.type ?? '')
    .split(',')
    .map((type) => type.trim())
    .filter((type) => type !== '');

  for (const type of types) {
    if (!eventTypes.includes(type as EventType)) {
      details.push({
        path: 'query.type',
        message: `Unknown event type ${type}`,
      });
    }
  }
  if (types.length > maxTypes) {
    details.push({ path: 'query.type', message: `At most ${maxTypes} types` });
  }
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && from > to) {
    details.push({ path: 'query.from', message: 'Must not be after to' });
  }
  if (details.length > 0) {
    throw new DomainError(
      400,
      'request.validation_failed',
      'The request has invalid fields.',
      details,
    );
  }

  return { types: [...new Set(types)] as EventType[], from, to };
};
