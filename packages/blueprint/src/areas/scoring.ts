import { api, defineArea, read, worker, write } from '../area';

/**
 * Lead scores: a workspace's scoring rules, and the daily re-score of the
 * contacts whose points for recent activity fall out of their window.
 */
export const scoring = defineArea({
  functions: {
    scoringGet: api('scoring/get', 'Reads the scoring rules', read),
    // Re-scoring a workspace's contacts runs in the request: up to 29 s.
    scoringPut: {
      ...api(
        'scoring/put',
        'Replaces the scoring rules and re-scores the contacts',
        write,
      ),
      timeout: 29,
    },
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
      name: 'RescoreExpired',
      expression: 'cron(15 0 * * ? *)',
      target: 'rescoreExpired',
    },
  ],
});
