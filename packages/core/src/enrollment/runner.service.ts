import { readContact } from '../contact/contact.store';
import { appendEvent, buildEvent } from '../event/event.item';
import { durationSeconds } from '../sequence/sequence.schema';
import { readSequence } from '../sequence/sequence.service';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import type { Enrollment, NextStep, RunnerInput } from './enrollment.schema';
import { readEnrollment } from './enrollment.service';

class AlreadyCompleted extends Error {}

export type CompletionReason =
  | 'finished'
  | 'contact_deleted'
  | 'sequence_deleted'
  | 'template_failed';

/** Marks an enrollment completed with its event, once. */
export const completeEnrollment = async (
  enrollment: Enrollment,
  reason: CompletionReason,
): Promise<void> => {
  const { workspaceId, contactId, id, sequenceId } = enrollment;
  const completedAt = new Date().toISOString();

  try {
    await transact([
      {
        write: {
          Update: {
            TableName: '',
            Key: keys.enrollment(workspaceId, contactId, id),
            UpdateExpression: 'SET #status = :completed, completedAt = :at',
            ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':completed': 'completed',
              ':active': 'active',
              ':at': completedAt,
            },
          },
        },
        onConditionFailed: () => new AlreadyCompleted(),
      },
      appendEvent(
        buildEvent({
          type: 'sequence.completed',
          workspaceId,
          contactId,
          actor: { type: 'sequence', id: sequenceId },
          data: { sequenceId, enrollmentId: id, reason },
        }),
      ),
    ]);
  } catch (error) {
    if (!(error instanceof AlreadyCompleted)) throw error;
  }
};

/**
 * What the runner does at `position`: send, wait, or stop. A run stops when
 * its steps are done, or early when the contact or sequence is gone.
 */
export const nextStep = async (input: RunnerInput): Promise<NextStep> => {
  const { workspaceId, contactId, enrollmentId, position } = input;
  const enrollment = await readEnrollment(workspaceId, contactId, enrollmentId);
  if (!enrollment || enrollment.status === 'completed') {
    return { type: 'done', position, reason: 'not_active' };
  }

  const stop = async (reason: CompletionReason): Promise<NextStep> => {
    await completeEnrollment(enrollment, reason);

    return { type: 'done', position, reason };
  };

  if (!(await readContact(workspaceId, contactId))) {
    return stop('contact_deleted');
  }
  const sequence = await readSequence(workspaceId, enrollment.sequenceId);
  if (!sequence) return stop('sequence_deleted');

  const step = sequence.steps[position];
  if (!step) return stop('finished');
  if (step.type === 'wait') {
    return {
      type: 'wait',
      position,
      waitSeconds: durationSeconds(step.duration),
    };
  }

  return { type: 'email', position };
};
