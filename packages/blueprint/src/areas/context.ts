import { api, defineArea, parsesPhones, read, write } from '../area';

/** What a CRM knows about each contact: tags, custom fields, segments. */
export const context = defineArea({
  functions: {
    contactTagsAdd: api('contacts/tags-add', 'Tags a contact', write),
    contactTagRemove: api('contacts/tags-remove', 'Untags a contact', write),
    contactSearch: api('contacts/search', 'Finds contacts by filter', read),
    contactCount: api('contacts/count', 'Counts contacts by filter', read),
    tagList: api('tags/list', 'Lists tags with counts', read),
    tagRename: api('tags/rename', 'Renames a tag everywhere', write),
    tagDelete: api('tags/delete', 'Deletes a tag everywhere', write),
    customFieldCreate: parsesPhones(
      api('custom-fields/create', 'Defines a field', write),
    ),
    customFieldList: api('custom-fields/list', 'Lists fields', read),
    customFieldGet: api('custom-fields/get', 'Reads a field', read),
    customFieldUpdate: parsesPhones(
      api('custom-fields/update', 'Changes a field', write),
    ),
    customFieldDelete: api('custom-fields/delete', 'Deletes a field', write),
    segmentCreate: api('segments/create', 'Saves a segment', write),
    segmentList: api('segments/list', 'Lists segments', read),
    segmentGet: api('segments/get', 'Reads a segment', read),
    segmentDelete: api('segments/delete', 'Deletes a segment', write),
    segmentContacts: api('segments/contacts', 'Runs a segment', read),
  },
  routes: [
    { routeKey: 'POST /v1/contacts/{id}/tags', function: 'contactTagsAdd' },
    {
      routeKey: 'DELETE /v1/contacts/{id}/tags/{tag}',
      function: 'contactTagRemove',
    },
    { routeKey: 'POST /v1/contacts/search', function: 'contactSearch' },
    { routeKey: 'POST /v1/contacts/count', function: 'contactCount' },
    { routeKey: 'GET /v1/tags', function: 'tagList' },
    { routeKey: 'PATCH /v1/tags/{tag}', function: 'tagRename' },
    { routeKey: 'DELETE /v1/tags/{tag}', function: 'tagDelete' },
    { routeKey: 'POST /v1/custom-fields', function: 'customFieldCreate' },
    { routeKey: 'GET /v1/custom-fields', function: 'customFieldList' },
    { routeKey: 'GET /v1/custom-fields/{key}', function: 'customFieldGet' },
    {
      routeKey: 'PATCH /v1/custom-fields/{key}',
      function: 'customFieldUpdate',
    },
    {
      routeKey: 'DELETE /v1/custom-fields/{key}',
      function: 'customFieldDelete',
    },
    { routeKey: 'POST /v1/segments', function: 'segmentCreate' },
    { routeKey: 'GET /v1/segments', function: 'segmentList' },
    { routeKey: 'GET /v1/segments/{id}', function: 'segmentGet' },
    { routeKey: 'DELETE /v1/segments/{id}', function: 'segmentDelete' },
    { routeKey: 'GET /v1/segments/{id}/contacts', function: 'segmentContacts' },
  ],
});
