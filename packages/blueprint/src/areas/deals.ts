import { api, defineArea, read, worker, write } from '../area';

/** Pipelines, deals, the board and the daily search for stalled deals. */
export const deals = defineArea({
  functions: {
    pipelineCreate: api('pipelines/create', 'Creates a pipeline', write),
    pipelineList: api('pipelines/list', 'Lists pipelines', write),
    pipelineGet: api('pipelines/get', 'Reads a pipeline', read),
    pipelineUpdate: api(
      'pipelines/update',
      'Changes a pipeline and its stages',
      write,
    ),
    pipelineBoard: api('pipelines/board', 'Reads a pipeline board', read),
    pipelineTimeline: api(
      'pipelines/timeline',
      'Reads a pipeline timeline',
      read,
    ),
    dealCreate: api('deals/create', 'Creates a deal', write),
    dealList: api('deals/list', 'Lists deals', read),
    dealGet: api('deals/get', 'Reads a deal', read),
    dealUpdate: api('deals/update', 'Changes, moves or closes a deal', write),
    dealDelete: api('deals/delete', 'Deletes a deal', write),
    dealTimeline: api('deals/timeline', 'Reads a deal timeline', read),
    contactDeals: api('deals/of-contact', 'Lists a contact’s deals', read),
    detectStalledDeals: worker(
      'schedule/detect-stalled-deals',
      'Reports open deals that sat in their stage past its limit',
      write,
      300,
    ),
  },
  routes: [
    { routeKey: 'POST /v1/pipelines', function: 'pipelineCreate' },
    { routeKey: 'GET /v1/pipelines', function: 'pipelineList' },
    { routeKey: 'GET /v1/pipelines/{id}', function: 'pipelineGet' },
    { routeKey: 'PATCH /v1/pipelines/{id}', function: 'pipelineUpdate' },
    { routeKey: 'GET /v1/pipelines/{id}/board', function: 'pipelineBoard' },
    {
      routeKey: 'GET /v1/pipelines/{id}/timeline',
      function: 'pipelineTimeline',
    },
    { routeKey: 'POST /v1/deals', function: 'dealCreate' },
    { routeKey: 'GET /v1/deals', function: 'dealList' },
    { routeKey: 'GET /v1/deals/{id}', function: 'dealGet' },
    { routeKey: 'PATCH /v1/deals/{id}', function: 'dealUpdate' },
    { routeKey: 'DELETE /v1/deals/{id}', function: 'dealDelete' },
    { routeKey: 'GET /v1/deals/{id}/timeline', function: 'dealTimeline' },
    { routeKey: 'GET /v1/contacts/{id}/deals', function: 'contactDeals' },
  ],
  schedules: [
    {
      name: 'DetectStalledDeals',
      expression: 'cron(0 6 * * ? *)',
      target: 'detectStalledDeals',
    },
  ],
});
