import type { Actor } from '@rapport/events';
import { fitTransaction } from '../contact/contact.changes';
import { laterStage, normalizeTags } from '../contact/contact.schema';
import {
  applyPatch,
  createSteps,
  isContactRace,
  newContact,
  prepareInput,
  updateSteps,
} from '../contact/contact.service';
import { readContactByEmail } from '../contact/contact.store';
import { appendEvent, buildEvent } from '../event/event.item';
import type { FormFields } from '../http/body';
import { newId, sha256 } from '../ids';
import { applyScore } from '../scoring/scoring.service';
import { keys } from '../table/keys';
import {
  retryOnConflict,
  type TransactionStep,
  transact,
} from '../table/transact';
import type { Form } from './form.schema';
import { mapSubmission, recordedFields } from './submission.fields';

/** Tries for one submission when concurrent writes to its contact race. */
const maxAttempts = 10;

/** Submissions of the same fields to the same form within it count once. */
export const doubleSubmitWindowSeconds = 10 * 60;

export type SubmissionOutcome =
  | { status: 'accepted'; submissionId: string; contactId: string }
  | { status: 'duplicate'; submissionId: string }
  | { status: 'dropped'; submissionId: string };

class DuplicateSubmission extends Error {
  constructor(readonly submissionId: string) {
    super('duplicate submission');
  }
}

const fingerprint = (formId: string, fields: FormFields): string =>
  sha256(
    JSON.stringify([
      formId,
      Object.keys(fields)
        .sort()
        .map((name) => [name, fields[name]]),
    ]),
  );

const rememberSubmission = (
  workspaceId: string,
  form: Form,
  print: string,
  submissionId: string,
  at: Date,
): TransactionStep => ({
  write: {
    Put: {
      TableName: '',
      Item: {
        ...keys.submission(workspaceId, form.id, print),
        entity: 'Submission',
        submissionId,
        expiresAt: Math.floor(at.getTime() / 1000) + doubleSubmitWindowSeconds,
      },
      // TTL deletion lags, so an expired record must not count as a repeat.
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': Math.floor(at.getTime() / 1000) },
    },
  },
  onConditionFailed: (existing) =>
    new DuplicateSubmission(String(existing?.submissionId)),
});

const attempt = async (
  workspaceId: string,
  form: Form,
  fields: FormFields,
): Promise<SubmissionOutcome> => {
  const at = new Date();
  const submissionId = newId('sub', at.getTime());
  const mapped = mapSubmission(fields);
  const actor: Actor = { type: 'form', id: form.id };
  const existing = await readContactByEmail(workspaceId, mapped.email);
  const steps: TransactionStep[] = [
    rememberSubmission(
      workspaceId,
      form,
      fingerprint(form.id, fields),
      submissionId,
      at,
    ),
  ];
  let contactId: string;

  if (existing) {
    const { email: _email, ...given } = mapped;
    const prepared = await prepareInput(
      workspaceId,
      { ...given, tags: normalizeTags([...existing.tags, ...form.tags]) },
      'lenient',
    );
    const { next, changes } = applyPatch(existing, {
      ...prepared,
      lifecycleStage: laterStage(existing.lifecycleStage, form.lifecycleStage),
    });
    next.latestSource = form.source;
    if (existing.latestSource !== form.source) {
      changes.latestSource = { from: existing.latestSource, to: form.source };
    }
    if (Object.keys(changes).length > 0) {
      next.version = existing.version + 1;
      next.updatedAt = at.toISOString();
      const scored = await applyScore(workspaceId, next);
      steps.push(
        ...updateSteps(workspaceId, existing, next, changes, actor, scored),
      );
    }
    contactId = existing.id;
  } else {
    const contact = newContact(
      await prepareInput(
        workspaceId,
        {
          ...mapped,
          tags: form.tags,
          lifecycleStage: form.lifecycleStage,
          source: form.source,
        },
        'lenient',
      ),
      at,
    );
    const scored = await applyScore(workspaceId, contact);
    steps.push(...createSteps(workspaceId, contact, actor, scored));
    contactId = contact.id;
  }

  steps.push(
    appendEvent(
      buildEvent({
        type: 'form.submitted',
        workspaceId,
        contactId,
        actor,
        at,
        data: {
          formId: form.id,
          submissionId,
          ...(form.sequenceId ? { sequenceId: form.sequenceId } : {}),
          contactCreated: !existing,
          fields: recordedFields(fields),
        },
      }),
    ),
  );
  await transact(fitTransaction(steps));

  return { status: 'accepted', submissionId, contactId };
};

/**
 * Takes a submission: creates or updates the contact by email, tags it, and
 * records `form.submitted` in one transaction. A bot that fills the honeypot
 * is answered as if accepted and nothing is stored. A repeat within the
 * window answers the first submission's id and changes nothing.
 */
export const submitForm = async (
  workspaceId: string,
  form: Form,
  posted: FormFields,
): Promise<SubmissionOutcome> => {
  const { [form.honeypotField]: honeypot, ...fields } = posted;
  if (honeypot !== undefined && String(honeypot).trim() !== '') {
    return { status: 'dropped', submissionId: newId('sub') };
  }

  // A concurrent write to the same contact or address: read and retry.
  try {
    return await retryOnConflict(() => attempt(workspaceId, form, fields), {
      attempts: maxAttempts,
      isRace: isContactRace,
    });
  } catch (error) {
    if (error instanceof DuplicateSubmission) {
      return { status: 'duplicate', submissionId: error.submissionId };
    }
    throw error;
  }
};
