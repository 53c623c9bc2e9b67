import * as z from 'zod/mini';
import { recordId } from '../activity/activity.schema';
import { text } from '../contact/contact.schema';

export { type Task, taskSchema } from '@rapport/events';

/** Limits a client can rely on; docs/api.md repeats them. */
export const taskLimits = {
  titleLength: 200,
  notesLength: 5000,
  ownerIdLength: 100,
} as const;

const ownerId = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(taskLimits.ownerIdLength),
    z.regex(/^[^#]+$/, { error: 'Owner ids do not contain #' }),
  );

/** `POST /v1/tasks`: about a contact, a deal or both. */
export const taskCreateSchema = z
  .strictObject({
    title: text(taskLimits.titleLength),
    dueAt: z.iso.datetime({ offset: true }),
    ownerId,
    contactId: z.optional(recordId),
    dealId: z.optional(recordId),
    notes: z.optional(z.nullable(text(taskLimits.notesLength))),
  })
  .check(
    z.refine(
      (task) => task.contactId !== undefined || task.dealId !== undefined,
      {
        error: 'Link the task to a contact, a deal or both',
        path: ['contactId'],
      },
    ),
  );

/** `PATCH /v1/tasks/{id}`: `status: "done"` completes the task. */
export const taskUpdateSchema = z.strictObject({
  title: z.optional(text(taskLimits.titleLength)),
  dueAt: z.optional(z.iso.datetime({ offset: true })),
  ownerId: z.optional(ownerId),
  notes: z.optional(z.nullable(text(taskLimits.notesLength))),
  status: z.optional(z.enum(['open', 'done'])),
  version: z.optional(z.int().check(z.positive())),
});

/** `GET /v1/tasks`: a rep's open tasks, all of them or by when they are due. */
export const taskListQuery = {
  owner: ownerId,
  due: z.optional(z.enum(['overdue', 'today', 'week'])),
  /** The rep's IANA time zone, which says when their day starts. */
  tz: z._default(
    z.string().check(
      z.refine(
        (zone) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        },
        { error: 'Not an IANA time zone such as Europe/Paris' },
      ),
    ),
    'UTC',
  ),
};

export type TaskCreate = z.infer<typeof taskCreateSchema>;
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;
export type DueWindow = 'overdue' | 'today' | 'week';
