import type { Subject } from '@rapport/events';
import { encodeTime } from 'ulid';

/**
 * Every key in the table is built here and nowhere else. Each item key
 * starts with its workspace, except the two routing items that turn a secret
 * (an API key's hash) or a public form id into a workspace.
 */
const ws = (workspaceId: string) => `WS#${workspaceId}`;

/** The partition that holds a record and its timeline. */
const timelinePartition = (workspaceId: string, subject: Subject) =>
  `${ws(workspaceId)}#${partitionPrefix[subject.type]}#${subject.id}`;

const partitionPrefix: Record<Subject['type'], string> = {
  contact: 'CT',
  deal: 'DEAL',
  pipeline: 'PIPE',
};

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
  stageTotalsPrefix: 'STAGE#',
  /** The item of the record that owns a timeline. */
  record: (workspaceId: string, subject: Subject) =>
    recordKeys[subject.type](workspaceId, subject.id),
  /**
   * An event on a record's timeline, in the record's own partition, so one
   * Query reads a timeline newest first; event ids are time-ordered.
   */
  event: (workspaceId: string, subject: Subject, eventId: string) => ({
    pk: timelinePartition(workspaceId, subject),
    sk: `EV#${eventId}`,
  }),
  timelinePrefix: 'EV#',
  /**
   * The first or last possible timeline key at a millisecond: event ids
   * are ULIDs whose first ten characters encode their time, so two bounds
   * make a time range one key condition.
   */
  eventTimeBound: (
    workspaceId: string,
    subject: Subject,
    at: number,
    edge: 'first' | 'last',
  ) => ({
    pk: timelinePartition(workspaceId, subject),
    sk: `EV#evt_${encodeTime(at, 10)}${(edge === 'first' ? '0' : 'Z').repeat(16)}`,
  }),
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
  activity: (workspaceId: string, activityId: string) => ({
    pk: `${ws(workspaceId)}#ACT#${activityId}`,
    sk: '#ACTIVITY',
  }),
  task: (workspaceId: string, taskId: string) => ({
    pk: `${ws(workspaceId)}#TASK#${taskId}`,
    sk: '#TASK',
  }),
  /**
   * Index entry of an open task on its owner's to-do list, by due time.
   * Sparse: a done task drops it, so the list reads only open tasks.
   */
  openTaskListing: (
    workspaceId: string,
    ownerId: string,
    dueAt: string,
    taskId: string,
  ) => ({
    gsi1pk: `${ws(workspaceId)}#TASKS#OPEN#${ownerId}`,
    gsi1sk: `${dueAt}#${taskId}`,
  }),
  /**
   * A task waiting to be announced as due, filed under an hour: the hour it
   * falls due, or the hour it was filed if that is later. Like the routing
   * items it starts with no workspace: the schedule that announces due
   * tasks serves every workspace with one query per hour.
   */
  taskDue: (
    workspaceId: string,
    taskId: string,
    dueAt: string,
    hour: string,
  ) => ({
    pk: `TASKDUE#${hour}`,
    sk: `${dueAt}#${workspaceId}#${taskId}`,
  }),
  taskDueHour: (hour: string) => `TASKDUE#${hour}`,
  /** How far a schedule has worked, so that a late run misses nothing. */
  scheduleCheckpoint: (name: string) => ({
    pk: `SCHEDULE#${name}`,
    sk: '#CHECKPOINT',
  }),
  /** One purchase per order id: the order id is the idempotency key. */
  purchase: (workspaceId: string, orderId: string) => ({
    pk: `${ws(workspaceId)}#ORDER#${orderId}`,
    sk: '#PURCHASE',
  }),
  /** A contact's revenue in one currency, summed as purchases arrive. */
  revenue: (workspaceId: string, contactId: string, currency: string) => ({
    pk: `${ws(workspaceId)}#CT#${contactId}`,
    sk: `REV#${currency}`,
  }),
  revenuePrefix: 'REV#',
  /** The secret that signs a workspace's tracking identifiers. */
  trackingSecret: (workspaceId: string) => ({
    pk: ws(workspaceId),
    sk: '#TRACKING',
  }),
  /** A page view by a visitor not yet known, kept until it expires. */
  anonymousView: (workspaceId: string, visitorId: string, viewId: string) => ({
    pk: `${ws(workspaceId)}#VIS#${visitorId}`,
    sk: `PV#${viewId}`,
  }),
  anonymousViewPrefix: 'PV#',
  /** The contact a visitor turned out to be. */
  visitor: (workspaceId: string, visitorId: string) => ({
    pk: `${ws(workspaceId)}#VIS#${visitorId}`,
    sk: '#VISITOR',
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
  /**
   * A contact's place in its workspace's score list: one partition sorted
   * by score (offset so that negative scores sort first), then contact id.
   * Written in the contact's own transaction; a score range is one query.
   */
  scoreMember: (workspaceId: string, score: number, contactId: string) => ({
    pk: `${ws(workspaceId)}#SCORES`,
    sk: `${scoreSortKey(score)}#${contactId}`,
  }),
  scoresPartition: (workspaceId: string) => `${ws(workspaceId)}#SCORES`,
  scoreSortKey: (score: number) => scoreSortKey(score),
  /** The workspace's scoring rules, one document. */
  scoringRules: (workspaceId: string) => ({
    pk: ws(workspaceId),
    sk: '#SCORING',
  }),
  /**
   * An activity on a contact's partition, by type and time, so that a
   * score reads only the activities of one type inside a rule's window.
   */
  activityStamp: (
    workspaceId: string,
    contactId: string,
    type: string,
    occurredAt: string,
    activityId: string,
  ) => ({
    pk: `${ws(workspaceId)}#CT#${contactId}`,
    sk: `ACTS#${type}#${occurredAt}#${activityId}`,
  }),
  activityStampPrefix: (type: string) => `ACTS#${type}#`,
  /**
   * A contact whose activity points fall out of their window at
   * `expiresAt`, filed under that UTC day for the daily re-score. Like the
   * task-due items it spans workspaces.
   */
  scoreDue: (workspaceId: string, contactId: string, expiresAt: string) => ({
    pk: `SCOREDUE#${expiresAt.slice(0, 10)}`,
    sk: `${expiresAt}#${workspaceId}#${contactId}`,
  }),
  scoreDueDay: (day: string) => `SCOREDUE#${day}`,
  /**
   * A workspace whose contacts are still being re-scored after its rules
   * changed, and how far the walk got. One partition for all workspaces;
   * it holds only unfinished re-scores.
   */
  scoreRescore: (workspaceId: string) => ({
    pk: 'SCORERESCORE',
    sk: workspaceId,
  }),
  scoreRescorePartition: 'SCORERESCORE',
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

/** Scores are kept within +-999,999,999 and stored offset, ten digits. */
export const scoreBound = 999_999_999;

function scoreSortKey(score: number): string {
  const bounded = Math.max(-scoreBound, Math.min(scoreBound, score));

  return String(bounded + 1_000_000_000).padStart(10, '0');
}

const recordKeys = {
  contact: keys.contact,
  deal: keys.deal,
  pipeline: keys.pipeline,
} as const;

function stallShard(workspaceId: string): number {
  let hash = 0;
  for (const char of workspaceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;

  return hash % keys.stallShards;
}
