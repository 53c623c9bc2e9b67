import { api, defineArea, read, worker, write } from '../area';

/**
 * Every touchpoint on a contact besides the ones other areas record:
 * activities a rep logs, the tasks on their to-do list, purchases from a
 * shop, pages viewed, and the timelines that show them with the rest.
 */
export const touchpoints = defineArea({
  functions: {
    activityCreate: api('activities/create', 'Logs an activity', write),
    activityGet: api('activities/get', 'Reads an activity', read),
    activityUpdate: api('activities/update', 'Updates an activity', write),
    activityDelete: api('activities/delete', 'Deletes an activity', write),
    purchaseCreate: api('purchases/create', 'Records a purchase', write),
    contactLifetimeValue: api(
      'contacts/lifetime-value',
      "Reads a contact's revenue per currency",
      read,
    ),
    taskCreate: api('tasks/create', 'Creates a task', write),
    taskGet: api('tasks/get', 'Reads a task', read),
    taskList: api('tasks/list', "Lists a rep's open tasks", read),
    taskUpdate: api('tasks/update', 'Updates or completes a task', write),
    trackPageView: api(
      'track/pageview',
      'Takes a page view from a tracking script',
      write,
    ),
    trackPixel: api('track/pixel', 'Takes a page view from a pixel', write),
    announceDueTasks: worker(
      'schedule/announce-due-tasks',
      'Announces tasks that have fallen due as task.due',
      write,
      120,
    ),
  },
  routes: [
    { routeKey: 'POST /v1/activities', function: 'activityCreate' },
    { routeKey: 'GET /v1/activities/{id}', function: 'activityGet' },
    { routeKey: 'PATCH /v1/activities/{id}', function: 'activityUpdate' },
    { routeKey: 'DELETE /v1/activities/{id}', function: 'activityDelete' },
    { routeKey: 'POST /v1/purchases', function: 'purchaseCreate' },
    {
      routeKey: 'GET /v1/contacts/{id}/lifetime-value',
      function: 'contactLifetimeValue',
    },
    { routeKey: 'POST /v1/tasks', function: 'taskCreate' },
    { routeKey: 'GET /v1/tasks', function: 'taskList' },
    { routeKey: 'GET /v1/tasks/{id}', function: 'taskGet' },
    { routeKey: 'PATCH /v1/tasks/{id}', function: 'taskUpdate' },
    { routeKey: 'POST /v1/track/pageview', function: 'trackPageView' },
    { routeKey: 'OPTIONS /v1/track/pageview', function: 'trackPageView' },
    { routeKey: 'GET /v1/track/pixel.gif', function: 'trackPixel' },
  ],
  schedules: [
    {
      name: 'AnnounceDueTasks',
      expression: 'rate(5 minutes)',
      target: 'announceDueTasks',
    },
  ],
});
