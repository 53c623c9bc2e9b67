import { api, defineArea, read, worker } from '../area';

/** What every area relies on: health, the 404 route, events to the bus. */
export const platform = defineArea({
  functions: {
    health: api('health', 'Answers whether the table is reachable', read),
    notFound: api('not-found', 'Answers routes that do not exist', []),
    openApi: {
      ...api('openapi', 'Answers the OpenAPI document', []),
      // It carries every schema, the Liquid parser and scoring rules among
      // them, and grows with the event catalog (410 KB once pipeline events
      // were added).
      bundleBudgetKb: 420,
    },
    publishEvents: worker(
      'stream/publish-events',
      'Carries new timeline events from the table stream to the bus',
      ['table:stream', 'bus:put'],
    ),
  },
  routes: [
    { routeKey: 'GET /health', function: 'health' },
    { routeKey: 'GET /v1/openapi.json', function: 'openApi' },
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
});
