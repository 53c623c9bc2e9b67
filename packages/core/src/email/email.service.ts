import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, ses } from '../aws';
import { env, tableName } from '../config';
import { readContact } from '../contact/contact.store';
import type { RunnerInput } from '../enrollment/enrollment.schema';
import { readEnrollment } from '../enrollment/enrollment.service';
import { completeEnrollment } from '../enrollment/runner.service';
import { appendEvent, buildEvent } from '../event/event.item';
import { logger } from '../log';
import { readSequence } from '../sequence/sequence.service';
import { renderTemplate } from '../sequence/template';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import { withRidInLinks } from '../tracking/tracked-links';
import { trackingId } from '../tracking/tracking.id';

/** How long a started send holds its claim before a retry may take over. */
const claimSeconds = 120;

/** A send another invocation has claimed and not yet finished. */
export class EmailSendInProgress extends Error {
  override name = 'EmailSendInProgress';
}

export type SendResult =
  | { status: 'sent'; messageId: string }
  | { status: 'already_sent'; messageId: string }
  | { status: 'skipped'; reason: string };

/**
 * Claims the send of one step before calling SES, so that a redelivered
 * invocation finds the claim (or the finished send) and sends nothing. Only
 * a crash between SES accepting the email and the claim's completion, with
 * a retry after the claim expired, could send twice.
 */
const claimSend = async (
  input: RunnerInput,
): Promise<SendResult | undefined> => {
  const now = Math.floor(Date.now() / 1000);
  const key = keys.emailSend(
    input.workspaceId,
    input.contactId,
    input.enrollmentId,
    input.position,
  );

  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key,
          entity: 'EmailSend',
          status: 'sending',
          claimedUntil: now + claimSeconds,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR (#status = :sending AND claimedUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );

    return undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = error.Item ? unmarshall(error.Item) : undefined;
    if (existing?.status === 'sent') {
      return { status: 'already_sent', messageId: String(existing.messageId) };
    }
    throw new EmailSendInProgress(
      `Step ${input.position} of ${input.enrollmentId} is being sent`,
    );
  }
};

export const sendSequenceEmail = async (
  input: RunnerInput,
): Promise<SendResult> => {
  const { workspaceId, contactId, enrollmentId, position } = input;
  const enrollment = await readEnrollment(workspaceId, contactId, enrollmentId);
  const contact = await readContact(workspaceId, contactId);
  const sequence =
    enrollment && (await readSequence(workspaceId, enrollment.sequenceId));
  const step = sequence?.steps[position];
  if (!enrollment || !contact || !sequence || step?.type !== 'email') {
    return { status: 'skipped', reason: 'nothing_to_send' };
  }

  // The signed contact id goes into every web link of the HTML body, and is
  // offered to templates as `tracking.rid` for links in the text body.
  const rid = await trackingId(workspaceId, contactId);
  const scope = {
    contact,
    sequence: { id: sequence.id, name: sequence.name },
    tracking: { rid },
  };
  let subject: string;
  let text: string | undefined;
  let html: string | undefined;
  try {
    subject = await renderTemplate(step.subject, 'text', scope);
    text = step.text && (await renderTemplate(step.text, 'text', scope));
    html =
      step.html &&
      withRidInLinks(await renderTemplate(step.html, 'html', scope), rid);
  } catch (error) {
    // A template that fails for this contact fails on every retry: stop the
    // run and say so on the timeline instead of retrying.
    logger.warn('Template failed to render', {
      error: error as Error,
      enrollmentId,
    });
    await completeEnrollment(enrollment, 'template_failed');

    return { status: 'skipped', reason: 'template_failed' };
  }

  const claimed = await claimSend(input);
  if (claimed) return claimed;
  const configurationSet = process.env.SES_CONFIGURATION_SET;
  const sent = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: env('EMAIL_FROM'),
      Destination: { ToAddresses: [contact.email] },
      Content: {
        Simple: {
          Subject: { Data: subject, Charset: 'UTF-8' },
          Body: {
            ...(text ? { Text: { Data: text, Charset: 'UTF-8' } } : {}),
            ...(html ? { Html: { Data: html, Charset: 'UTF-8' } } : {}),
          },
        },
      },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      EmailTags: [
        { Name: 'workspace', Value: workspaceId },
        { Name: 'enrollment', Value: enrollmentId },
      ],
    }),
  );
  const messageId = sent.MessageId ?? 'unknown';

  await transact([
    {
      write: {
        Update: {
          TableName: '',
          Key: keys.emailSend(workspaceId, contactId, enrollmentId, position),
          UpdateExpression:
            'SET #status = :sent, messageId = :id REMOVE claimedUntil',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId },
        },
      },
    },
    appendEvent(
      buildEvent({
        type: 'email.sent',
        workspaceId,
        contactId,
        actor: { type: 'sequence', id: sequence.id },
        data: {
          messageId,
          to: contact.email,
          subject,
          sequenceId: sequence.id,
          enrollmentId,
          position,
        },
      }),
    ),
  ]);

  return { status: 'sent', messageId };
};
