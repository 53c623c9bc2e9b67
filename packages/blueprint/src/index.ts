import { sequenceRunnerDefinition } from './sequence-runner.asl';
import type { Blueprint, FunctionSpec, Permission } from './types';

export type * from './types';
export { environmentByPermission } from './environment';

const api = (
  entry: string,
  description: string,
  permissions: Permission[],
): FunctionSpec => ({
  entry: `functions/http/${entry}.ts`,
  description,
  permissions,
  timeout: 10,
  memory: 512,
});

const read: Permission[] = ['table:read'];
const write: Permission[] = ['table:read', 'table:write'];

const functions = {
  health: api('health', 'Answers whether the table is reachable', read),
  notFound: api('not-found', 'Answers routes that do not exist', []),
  contactCreate: api('contacts/create', 'Creates a contact', write),
  contactGet: api('contacts/get', 'Reads a contact', read),
  contactUpdate: api('contacts/update', 'Updates a contact', write),
  contactDelete: api('contacts/delete', 'Deletes a contact', write),
  contactList: api('contacts/list', 'Lists or finds contacts', read),
  contactTimeline: api('contacts/timeline', 'Reads a timeline', read),
  sequenceCreate: {
    ...api('sequences/create', 'Creates a sequence', write),
    // It parses every template with the Liquid engine (about 90 KB) so that
    // a broken template is refused when saved, not when a contact is due.
    bundleBudgetKb: 400,
  },
  sequenceGet: api('sequences/get', 'Reads a sequence', read),
  formCreate: api('forms/create', 'Creates a form', write),
  formGet: api('forms/get', 'Reads a form', read),
  formSubmit: api('forms/submit', 'Takes a public form submission', write),
  publishEvents: {
    entry: 'functions/stream/publish-events.ts',
    description: 'Carries new timeline events from the table stream to the bus',
    permissions: ['table:stream', 'bus:put'],
    timeout: 30,
    memory: 512,
  },
  enrollInSequence: {
    entry: 'functions/bus/enroll-in-sequence.ts',
    description: 'Enrolls a contact in the sequence its form names',
    permissions: ['table:read', 'table:write', 'sequence:start'],
    timeout: 30,
    memory: 512,
  },
  sequenceStep: {
    entry: 'functions/sequence/next-step.ts',
    description: 'Answers the next step of an enrollment',
    permissions: ['table:read', 'table:write'],
    timeout: 30,
    memory: 512,
  },
  sequenceSendEmail: {
    entry: 'functions/sequence/send-email.ts',
    description: 'Sends one sequence email through SES',
    permissions: ['table:read', 'table:write', 'ses:send'],
    timeout: 60,
    memory: 512,
  },
} satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

/** Rapport, declared once. */
export const blueprint: Blueprint<FunctionName> = {
  functions,
  table: {
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
    stream: 'NEW_AND_OLD_IMAGES',
    timeToLiveAttribute: 'expiresAt',
  },
  routes: [
    { routeKey: 'GET /health', function: 'health' },
    { routeKey: 'POST /v1/contacts', function: 'contactCreate' },
    { routeKey: 'GET /v1/contacts', function: 'contactList' },
    { routeKey: 'GET /v1/contacts/{id}', function: 'contactGet' },
    { routeKey: 'PATCH /v1/contacts/{id}', function: 'contactUpdate' },
    { routeKey: 'DELETE /v1/contacts/{id}', function: 'contactDelete' },
    { routeKey: 'GET /v1/contacts/{id}/timeline', function: 'contactTimeline' },
    { routeKey: 'POST /v1/sequences', function: 'sequenceCreate' },
    { routeKey: 'GET /v1/sequences/{id}', function: 'sequenceGet' },
    { routeKey: 'POST /v1/forms', function: 'formCreate' },
    { routeKey: 'GET /v1/forms/{id}', function: 'formGet' },
    { routeKey: 'POST /v1/forms/{id}/submissions', function: 'formSubmit' },
    { routeKey: 'OPTIONS /v1/forms/{id}/submissions', function: 'formSubmit' },
    { routeKey: '$default', function: 'notFound' },
  ],
  streamConsumers: [
    {
      name: 'TimelineEventsToBus',
      function: 'publishEvents',
      batchSize: 100,
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: { NewImage: { entity: { S: ['Event'] } } },
        },
      ],
      retryAttempts: 10,
      bisectBatchOnError: true,
      maxBatchingWindowSeconds: 0,
    },
  ],
  bus: { source: 'rapport' },
  rules: [
    {
      name: 'EnrollOnFormSubmitted',
      description: 'Starts the sequence that a submitted form names',
      pattern: {
        source: ['rapport'],
        'detail-type': ['form.submitted'],
        detail: { data: { sequenceId: [{ exists: true }] } },
      },
      target: 'enrollInSequence',
      retryAttempts: 185,
    },
  ],
  stateMachines: [
    {
      name: 'SequenceRunner',
      definition: sequenceRunnerDefinition,
      tasks: ['sequenceStep', 'sequenceSendEmail'],
    },
  ],
  schedules: [],
};
