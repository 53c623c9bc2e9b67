import { api, defineArea, parsesPhones, read, write } from '../area';

export const forms = defineArea({
  functions: {
    formCreate: api('forms/create', 'Creates a form', write),
    formGet: api('forms/get', 'Reads a form', read),
    formSubmit: parsesPhones(
      api('forms/submit', 'Takes a public form submission', write),
    ),
  },
  routes: [
    { routeKey: 'POST /v1/forms', function: 'formCreate' },
    { routeKey: 'GET /v1/forms/{id}', function: 'formGet' },
    { routeKey: 'POST /v1/forms/{id}/submissions', function: 'formSubmit' },
    { routeKey: 'OPTIONS /v1/forms/{id}/submissions', function: 'formSubmit' },
  ],
});
