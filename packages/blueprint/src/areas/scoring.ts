import { api, defineArea, read, worker, write } from '../area';

/**
 * Lead scores: a workspace's scoring rules, and the daily re-score of the
 * contacts whose points for recent activity fall out of their window.
 */
export const scoring = defineArea({
  functions: {
    scoringGet: api('scoring/get', 'Reads the scoring rules', read),
    // Re-scores for up to 20 s in the request; the schedule does the rest.
    scoringPut: {
      ...api(
        'scoring/put',
        'Replaces the scoring rules and re-scores the contacts',
        write,
      ),
      timeout: 29,
    },
    continueRescores: worker(
      'schedule/continue-rescores',
      'Finishes re-scoring workspaces whose rules changed',
      write,
      300,
    ),
    rescoreExpired: worker(
      'schedule/rescore-expired',
      'Re-scores contacts whose activity points expired',
      write,
      300,
    ),
  },
  routes: [
    { routeKey: 'GET /v1/scoring', function: 'scoringGet' },
    { routeKey: 'PUT /v1/scoring', function: 'scoringPut' },
  ],
  schedules: [
    {
      name: 'ContinueRescores',
      expression: 'rate(5 minutes)',
      target: 'continueRescores',
    },
    {
      name: 'RescoreExpired',
      expression: 'cron(15 0 * * ? *)',
      target: 'rescoreExpired',
    },
  ],
});
