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
   * Index entry that files a deal under its stage, most recently moved
   * last; open and closed deals have their own partitions, so the board
   * reads open deals only.
   */
  dealInStage: (
    workspaceId: string,
    stageId: string,
    open: boolean,
    stageEnteredAt: string,
    dealId: string,
  ) => ({
    gsi1pk: `${ws(workspaceId)}#STAGE#${stageId}#${open ? 'OPEN' : 'CLOSED'}`,
    gsi1sk: `${stageEnteredAt}#${dealId}`,
  }),
  /**
   * Sparse index entry of an open deal that will stall at `dueAt`. It spans
   * workspaces (the daily detector reads it for all of them), so it is
   * spread over a few shards chosen by the workspace.
   */
  stallDue: (workspaceId: string, dueAt: string, dealId: string) => ({
    gsi2pk: `STALLDUE#${stallShard(workspaceId)}`,
    gsi2sk: `${dueAt}#${workspaceId}#${dealId}`,
  }),
  stallShards: 8,
  /**
   * A deal filed under a list it belongs to: a contact's deals, an owner's
   * deals, or all of a workspace's deals (`scope` is `CT#<id>`,
   * `OWNER#<id>` or `DEALS`). One Query lists them in creation order.
   */
  dealLink: (workspaceId: string, scope: string, dealId: string) => ({
    pk: `${ws(workspaceId)}#${scope}`,
    sk: `DEAL#${dealId}`,
  }),
  dealLinkPrefix: 'DEAL#',
  pipeline: (workspaceId: string, pipelineId: string) => ({
    pk: `${ws(workspaceId)}#PIPE#${pipelineId}`,
    sk: '#PIPELINE',
  }),
  /** Index entry that lists a workspace's pipelines in creation order. */
  pipelineListing: (workspaceId: string, pipelineId: string) => ({
    gsi1pk: `${ws(workspaceId)}#PIPELINES`,
    gsi1sk: pipelineId,
  }),
  /**
   * A stage's running totals, beside its pipeline: one Query on the
   * pipeline's partition reads the pipeline and every stage's figures.
   */
  stageTotals: (workspaceId: string, pipelineId: string, stageId: string) => ({
    pk: `${ws(workspaceId)}#PIPE#${pipelineId}`,
    sk: `STAGE#${stageId}`,
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

function stallShard(workspaceId: string): number {
  let hash = 0;
  for (const char of workspaceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;

  return hash % keys.stallShards;
}
