import { enrollFromSubmission, logger } from '@rapport/core';
import { eventSchemas } from '@rapport/events';
import type { EventBridgeEvent } from 'aws-lambda';

/** Target of the rule that matches `form.submitted` naming a sequence. */
export const handler = async (
  busEvent: EventBridgeEvent<'form.submitted', unknown>,
) => {
  const event = eventSchemas['form.submitted'].parse(busEvent.detail);
  logger.appendKeys({
    workspaceId: event.workspaceId,
    contactId: event.subject.id,
    eventId: event.id,
  });
  const result = await enrollFromSubmission(event);
  logger.info('Enrollment', { result });
  logger.resetKeys();

  return result;
};
