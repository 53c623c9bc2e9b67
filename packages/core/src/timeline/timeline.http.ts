import type { Subject } from '@rapport/events';
import * as z from 'zod/mini';
import { apiHandler, parseParams } from '../http/api-handler';
import { json } from '../http/respond';
import { timelineFilter, timelineQuery } from './timeline.query';
import { readRecordTimeline } from './timeline.service';

/**
 * The handler of `GET /v1/<records>/{id}/timeline` for one kind of record:
 * newest first, cursor-paginated, filtered by type and time.
 */
export const timelineHandler = (type: Subject['type']) =>
  apiHandler({}, async ({ event, workspaceId }) => {
    const { id } = parseParams(
      event.pathParameters,
      { id: z.string() },
      'path',
    );
    const query = parseParams(
      event.queryStringParameters,
      timelineQuery,
      'query',
    );

    return json(
      200,
      await readRecordTimeline(
        workspaceId,
        { type, id },
        query.limit,
        query.cursor,
        timelineFilter(query),
      ),
    );
  });
