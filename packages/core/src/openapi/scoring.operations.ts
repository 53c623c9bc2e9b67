import * as z from 'zod/mini';
import { scoringPutSchema, scoringSchema } from '../scoring/scoring.schema';
import type { Operation } from './openapi';

/** Lead scoring rules. */
export const scoringOperations: Operation[] = [
  {
    routeKey: 'GET /v1/scoring',
    summary: "Read the workspace's scoring rules",
    tag: 'scoring',
    status: 200,
    response: scoringSchema,
  },
  {
    routeKey: 'PUT /v1/scoring',
    summary:
      'Replace the scoring rules and re-score every contact of the workspace',
    tag: 'scoring',
    body: scoringPutSchema,
    status: 200,
    response: z.extend(scoringSchema, {
      rescored: z.int(),
      examined: z.int(),
      complete: z.boolean(),
    }),
  },
];
