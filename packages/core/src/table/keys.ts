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

const memberPrefix = 'CT#';

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
  /**
   * Posting lists: one item per (tag, contact), (stage, contact), (source,
   * contact) and (custom field, contact), written in the contact's own
   * transaction. Each list is one partition sorted by contact id, so a
   * segment reads only the contacts that carry what it asks for.
   */
  tagMember: (workspaceId: string, tagKey: string, contactId: string) => ({
    pk: `${ws(workspaceId)}#TAG#${tagKey}`,
    sk: `${memberPrefix}${contactId}`,
  }),
  stageMember: (workspaceId: string, stage: string, contactId: string) => ({
    pk: `${ws(workspaceId)}#STAGE#${stage}`,
    sk: `${memberPrefix}${contactId}`,
  }),
  sourceMember: (workspaceId: string, source: string, contactId: string) => ({
    pk: `${ws(workspaceId)}#SOURCE#${source}`,
    sk: `${memberPrefix}${contactId}`,
  }),
  fieldMember: (workspaceId: string, fieldKey: string, contactId: string) => ({
    pk: `${ws(workspaceId)}#FIELD#${fieldKey}`,
    sk: `${memberPrefix}${contactId}`,
  }),
  memberPrefix,
  /** A tag's display name and exact contact count; one partition lists all. */
  tag: (workspaceId: string, tagKey: string) => ({
    pk: `${ws(workspaceId)}#TAGS`,
    sk: `TAG#${tagKey}`,
  }),
  tagsPartition: (workspaceId: string) => `${ws(workspaceId)}#TAGS`,
  customField: (workspaceId: string, fieldKey: string) => ({
    pk: `${ws(workspaceId)}#FIELDS`,
    sk: `FIELD#${fieldKey}`,
  }),
  customFieldsPartition: (workspaceId: string) => `${ws(workspaceId)}#FIELDS`,
  segment: (workspaceId: string, segmentId: string) => ({
    pk: `${ws(workspaceId)}#SEGMENTS`,
    sk: `SEG#${segmentId}`,
  }),
  segmentsPartition: (workspaceId: string) => `${ws(workspaceId)}#SEGMENTS`,
  /** Routes a public submission, which carries no API key, to its workspace. */
  formRoute: (formId: string) => ({ pk: `FORM#${formId}`, sk: '#ROUTE' }),
  /** Remembers a submission's fingerprint for the double-submit window. */
  submission: (workspaceId: string, formId: string, fingerprint: string) => ({
    pk: `${ws(workspaceId)}#FORM#${formId}`,
    sk: `SUB#${fingerprint}`,
  }),
};

export type Key = { pk: string; sk: string };
