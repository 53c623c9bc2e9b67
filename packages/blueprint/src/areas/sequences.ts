import { api, defineArea, read, worker, write } from '../area';
import { sequenceRunnerDefinition } from './sequence-runner.asl';

export const sequences = defineArea({
  functions: {
    sequenceCreate: {
      ...api('sequences/create', 'Creates a sequence', write),
      // It parses every template with the Liquid engine (about 90 KB) so that
      // a broken template is refused when saved, not when a contact is due.
      bundleBudgetKb: 400,
    },
    sequenceGet: api('sequences/get', 'Reads a sequence', read),
    enrollInSequence: worker(
      'bus/enroll-in-sequence',
      'Enrolls a contact in the sequence its form names',
      ['table:read', 'table:write', 'sequence:start'],
    ),
    sequenceStep: worker(
      'sequence/next-step',
      'Answers the next step of an enrollment',
      write,
    ),
    sequenceSendEmail: worker(
      'sequence/send-email',
      'Sends one sequence email through SES',
      ['table:read', 'table:write', 'ses:send'],
      60,
    ),
  },
  routes: [
    { routeKey: 'POST /v1/sequences', function: 'sequenceCreate' },
    { routeKey: 'GET /v1/sequences/{id}', function: 'sequenceGet' },
  ],
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
});
