import type { Subject } from '@rapport/events';

/**
 * Every key in the table is built here and nowhere else. Each item key
 * starts with its workspace, except the two routing items that turn a secret
 * (an API key's hash) or a public form id into a workspace.
 */
const ws = (workspaceId: string) => `WS#${workspaceId}`;

/** The partition that holds a record and its timeline. */
const timelinePartition = (workspaceId: string, subject: Subject) =>
  `${ws(workspaceId)}#${subject.type === 'contact' ? 'CT' : 'DEAL'}#${subject.id}`;

export const keys = {
  workspace: (workspaceId: string) => ({
    pk: ws(workspaceId),
    sk: '#WORKSPACE',
  }),
  apiKey: (keyHash: string) => ({ pk: `APIKEY#${keyHash}`, sk: '#APIKEY' }),
  contact: (workspaceId: string, contactId: string) => ({
    pk: `${ws(workspaceId)}#CT#${contactId}`,
    sk: '#CONTACT',
  }),
  /** Index entry that lists a workspace's contacts in creation order. */
  contactListing: (workspaceId: string, contactId: string) => ({
    gsi1pk: `${ws(workspaceId)}#CONTACTS`,
    gsi1sk: contactId,
  }),
  /** Guards email uniqueness: one item per normalized address. */
  email: (workspaceId: string, normalizedEmail: string) => ({
    pk: `${ws(workspaceId)}#EMAIL#${normalizedEmail}`,
    sk: '#EMAIL',
  }),
  deal: (workspaceId: string, dealId: string) => ({
    pk: `${ws(workspaceId)}#DEAL#${dealId}`,
    sk: '#DEAL',
  }),
  /**
   * An event on a record's timeline, in the record's own partition, so one
   * Query reads a timeline newest first; event ids are time-ordered.
   */
  event: (workspaceId: string, subject: Subject, eventId: string) => ({
    pk: timelinePartition(workspaceId, subject),
    sk: `EV#${eventId}`,
  }),
  timelinePrefix: 'EV#',
  enrollment: (workspaceId: string, contactId: string, sequenceId: string) => ({
    pk: `${ws(workspaceId)}#CT#${contactId}`,
    sk: `EN#${sequenceId}`,
  }),
  emailSend: (
    workspaceId: string,
    contactId: string,
    enrollmentId: string,
    position: number,
  ) => ({
    pk: `${ws(workspaceId)}#CT#${contactId}`,
    sk: `SEND#${enrollmentId}#${String(position).padStart(4, '0')}`,
  }),
  sequence: (workspaceId: string, sequenceId: string) => ({
    pk: `${ws(workspaceId)}#SEQ#${sequenceId}`,
    sk: '#SEQUENCE',
  }),
  form: (workspaceId: string, formId: string) => ({
    pk: `${ws(workspaceId)}#FORM#${formId}`,
    sk: '#FORM',
  }),
  /** Routes a public submission, which carries no API key, to its workspace. */
  formRoute: (formId: string) => ({ pk: `FORM#${formId}`, sk: '#ROUTE' }),
  /** Remembers a submission's fingerprint for the double-submit window. */
  submission: (workspaceId: string, formId: string, fingerprint: string) => ({
    pk: `${ws(workspaceId)}#FORM#${formId}`,
    sk: `SUB#${fingerprint}`,
  }),
};

export type Key = { pk: string; sk: string };
