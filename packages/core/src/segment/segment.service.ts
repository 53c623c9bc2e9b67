import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '@rapport/events';
import { dynamo } from '../aws';
import { tableName } from '../config';
import { notFound } from '../errors';
import { newId } from '../ids';
import type { Page } from '../table/cursor';
import { queryIdPage } from '../table/id-page';
import { fromItem } from '../table/item';
import { keys } from '../table/keys';
import { transact } from '../table/transact';
import type { ReadMeter } from './posting.reader';
import {
  type Segment,
  type SegmentCreate,
  segmentSchema,
} from './segment.schema';
import { countContacts, searchContacts } from './segment.search';

export const createSegment = async (
  workspaceId: string,
  input: SegmentCreate,
): Promise<Segment> => {
  const at = new Date();
  const segment: Segment = {
    id: newId('seg', at.getTime()),
    name: input.name,
    filter: input.filter,
    ...(input.sort ? { sort: input.sort } : {}),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
  };
  await transact([
    {
      write: {
        Put: {
          TableName: '',
          Item: {
            ...keys.segment(workspaceId, segment.id),
            entity: 'Segment',
            workspaceId,
            ...segment,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
  ]);

  return segment;
};

export const getSegment = async (
  workspaceId: string,
  segmentId: string,
): Promise<Segment> => {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.segment(workspaceId, segmentId),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw notFound('segment', segmentId);

  return fromItem(segmentSchema, Item);
};

/** A page of saved segments, oldest first: one partition per workspace. */
export const listSegments = (
  workspaceId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Segment>> =>
  queryIdPage({
    scope: 'segments',
    partition: ['pk', keys.segmentsPartition(workspaceId)],
    startKey: (id) => keys.segment(workspaceId, id),
    parse: (item) => fromItem(segmentSchema, item),
    limit,
    cursor,
  });

export const deleteSegment = async (
  workspaceId: string,
  segmentId: string,
): Promise<void> => {
  await getSegment(workspaceId, segmentId);
  await transact([
    {
      write: {
        Delete: { TableName: '', Key: keys.segment(workspaceId, segmentId) },
      },
    },
  ]);
};

/** Runs a saved segment: one page of its contacts. */
export const segmentContacts = async (
  workspaceId: string,
  segmentId: string,
  limit: number,
  cursor?: string,
  meter?: ReadMeter,
): Promise<Page<Contact>> => {
  const segment = await getSegment(workspaceId, segmentId);

  return searchContacts(
    workspaceId,
    { filter: segment.filter, sort: segment.sort, limit, cursor },
    meter,
  );
};

export const segmentCount = async (
  workspaceId: string,
  segmentId: string,
): Promise<number> => {
  const segment = await getSegment(workspaceId, segmentId);

  return countContacts(workspaceId, segment.filter);
};
