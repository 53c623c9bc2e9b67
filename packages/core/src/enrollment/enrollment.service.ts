import {
  ExecutionAlreadyExists,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '@rapport/events';
import { dynamo, stepFunctions } from '../aws';
import { env, tableName } from '../config';
import { readContact } from '../contact/contact.store';
import { appendEvent, buildEvent } from '../event/event.item';
import { derivedId } from '../ids';
import { logger } from '../log';
import { readSequence } from '../sequence/sequence.service';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import {
  type Enrollment,
  enrollmentSchema,
  type RunnerInput,
} from './enrollment.schema';

/** One contact goes through one sequence once, so the pair names the run. */
export const enrollmentIdFor = (
  workspaceId: string,
  sequenceId: string,
  contactId: string,
) => derivedId('enr', workspaceId, sequenceId, contactId);

export const readEnrollment = async (
  workspaceId: string,
  contactId: string,
  enrollmentId: string,
): Promise<Enrollment | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.enrollment(workspaceId, contactId, enrollmentId),
      ConsistentRead: true,
    }),
  );

  return Item ? enrollmentSchema.parse(Item) : undefined;
};

class AlreadyEnrolled extends Error {
  constructor(readonly existing: Record<string, unknown> | undefined) {
    super('already enrolled');
  }
}

const startRun = async (input: RunnerInput): Promise<void> => {
  try {
    await stepFunctions().send(
      new StartExecutionCommand({
        stateMachineArn: env('SEQUENCE_STATE_MACHINE_ARN'),
        name: input.enrollmentId,
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    // The name is the enrollment: an existing run is this run, started by an
    // earlier delivery of the same event.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
};

export type EnrollmentResult =
  | { status: 'started'; enrollmentId: string }
  | { status: 'already_enrolled'; enrollmentId: string }
  | { status: 'skipped'; reason: string };

/**
 * Enrolls the contact of a `form.submitted` event in the form's sequence and
 * starts its run. Redelivery of the same event restarts nothing: the
 * enrollment is written once, and the run's name is the enrollment id.
 */
export const enrollFromSubmission = async (
  event: DomainEvent<'form.submitted'>,
): Promise<EnrollmentResult> => {
  const { workspaceId } = event;
  const contactId = event.subject.id;
  const { sequenceId } = event.data;
  if (!sequenceId) return { status: 'skipped', reason: 'no_sequence' };
  if (!(await readSequence(workspaceId, sequenceId))) {
    return { status: 'skipped', reason: 'sequence_not_found' };
  }
  if (!(await readContact(workspaceId, contactId))) {
    return { status: 'skipped', reason: 'contact_not_found' };
  }

  const enrollmentId = enrollmentIdFor(workspaceId, sequenceId, contactId);
  const enrollment: Enrollment = {
    id: enrollmentId,
    workspaceId,
    contactId,
    sequenceId,
    status: 'active',
    triggerEventId: event.id,
    startedAt: new Date().toISOString(),
  };

  try {
    await transact([
      {
        write: {
          Put: {
            TableName: '',
            Item: {
              ...keys.enrollment(workspaceId, contactId, enrollmentId),
              entity: 'Enrollment',
              ...enrollment,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: (existing) => new AlreadyEnrolled(existing),
      },
      appendEvent(
        buildEvent({
          type: 'sequence.enrolled',
          workspaceId,
          contactId,
          actor: { type: 'system' },
          data: { sequenceId, enrollmentId, triggerEventId: event.id },
        }),
      ),
    ]);
  } catch (error) {
    if (!(error instanceof AlreadyEnrolled)) throw error;
    if (error.existing?.triggerEventId !== event.id) {
      logger.info('Contact already went through this sequence', {
        contactId,
        sequenceId,
        enrollmentId,
      });
      return { status: 'already_enrolled', enrollmentId };
    }
  }

  await startRun({ workspaceId, enrollmentId, contactId, position: 0 });

  return { status: 'started', enrollmentId };
};
