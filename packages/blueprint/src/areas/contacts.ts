import { api, defineArea, parsesPhones, read, write } from '../area';

export const contacts = defineArea({
  functions: {
    contactCreate: parsesPhones(
      api('contacts/create', 'Creates a contact', write),
    ),
    contactGet: api('contacts/get', 'Reads a contact', read),
    contactUpdate: parsesPhones(
      api('contacts/update', 'Updates a contact', write),
    ),
    contactDelete: api('contacts/delete', 'Deletes a contact', write),
    contactList: api('contacts/list', 'Lists or finds contacts', read),
    contactTimeline: api('contacts/timeline', 'Reads a timeline', read),
  },
  routes: [
    { routeKey: 'POST /v1/contacts', function: 'contactCreate' },
    { routeKey: 'GET /v1/contacts', function: 'contactList' },
    { routeKey: 'GET /v1/contacts/{id}', function: 'contactGet' },
    { routeKey: 'PATCH /v1/contacts/{id}', function: 'contactUpdate' },
    { routeKey: 'DELETE /v1/contacts/{id}', function: 'contactDelete' },
    { routeKey: 'GET /v1/contacts/{id}/timeline', function: 'contactTimeline' },
  ],
});
