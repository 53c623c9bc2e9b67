import * as z from 'zod/mini';
import { contactSchema } from '../contact/contact.schema';
import {
  customFieldCreateSchema,
  customFieldSchema,
  customFieldUpdateSchema,
} from '../custom-field/custom-field.schema';
import { pageQuery } from '../http/api-handler';
import {
  contactCountSchema,
  contactSearchSchema,
  segmentCreateSchema,
  segmentSchema,
} from '../segment/segment.schema';
import { tagRenameSchema, tagsAddSchema } from '../tag/tag.schema';
import type { Operation } from './openapi';

const tagCount = z.object({ name: z.string(), count: z.int() });
const count = z.object({ count: z.int() });

/** Tags, custom fields, search, counts and segments. */
export const contextOperations: Operation[] = [
  {
    routeKey: 'POST /v1/contacts/{id}/tags',
    summary: 'Add tags to a contact',
    tag: 'tags',
    body: tagsAddSchema,
    status: 200,
    response: contactSchema,
  },
  {
    routeKey: 'DELETE /v1/contacts/{id}/tags/{tag}',
    summary: 'Remove a tag from a contact',
    tag: 'tags',
    status: 200,
    response: contactSchema,
  },
  {
    routeKey: 'GET /v1/tags',
    summary: 'List tags with how many contacts carry each',
    tag: 'tags',
    status: 200,
    response: z.object({ items: z.array(tagCount) }),
  },
  {
    routeKey: 'PATCH /v1/tags/{tag}',
    summary: 'Rename a tag on every contact that carries it',
    tag: 'tags',
    body: tagRenameSchema,
    status: 200,
    response: tagCount,
  },
  {
    routeKey: 'DELETE /v1/tags/{tag}',
    summary: 'Remove a tag from every contact',
    tag: 'tags',
    status: 204,
  },
  {
    routeKey: 'POST /v1/contacts/search',
    summary: 'Find contacts by filter',
    tag: 'segments',
    body: contactSearchSchema,
    status: 200,
    response: contactSchema,
    list: true,
  },
  {
    routeKey: 'POST /v1/contacts/count',
    summary: 'Count contacts by filter',
    tag: 'segments',
    body: contactCountSchema,
    status: 200,
    response: count,
  },
  {
    routeKey: 'POST /v1/segments',
    summary: 'Save a filter by name',
    tag: 'segments',
    body: segmentCreateSchema,
    status: 201,
    response: segmentSchema,
  },
  {
    routeKey: 'GET /v1/segments',
    summary: 'List saved segments',
    tag: 'segments',
    query: pageQuery,
    status: 200,
    response: segmentSchema,
    list: true,
  },
  {
    routeKey: 'GET /v1/segments/{id}',
    summary: 'Read a segment and its current count',
    tag: 'segments',
    status: 200,
    response: segmentSchema,
  },
  {
    routeKey: 'DELETE /v1/segments/{id}',
    summary: 'Delete a segment',
    tag: 'segments',
    status: 204,
  },
  {
    routeKey: 'GET /v1/segments/{id}/contacts',
    summary: 'Run a segment',
    tag: 'segments',
    query: pageQuery,
    status: 200,
    response: contactSchema,
    list: true,
  },
  {
    routeKey: 'POST /v1/custom-fields',
    summary: 'Define a custom field',
    tag: 'custom-fields',
    body: customFieldCreateSchema,
    status: 201,
    response: customFieldSchema,
  },
  {
    routeKey: 'GET /v1/custom-fields',
    summary: 'List custom fields',
    tag: 'custom-fields',
    status: 200,
    response: z.object({ items: z.array(customFieldSchema) }),
  },
  {
    routeKey: 'GET /v1/custom-fields/{key}',
    summary: 'Read a custom field',
    tag: 'custom-fields',
    status: 200,
    response: customFieldSchema,
  },
  {
    routeKey: 'PATCH /v1/custom-fields/{key}',
    summary:
      'Change a custom field; refused while stored values cannot convert',
    tag: 'custom-fields',
    body: customFieldUpdateSchema,
    status: 200,
    response: customFieldSchema,
  },
  {
    routeKey: 'DELETE /v1/custom-fields/{key}',
    summary: 'Delete a custom field and its values',
    tag: 'custom-fields',
    status: 204,
  },
];
