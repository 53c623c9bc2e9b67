import { apiHandler, json, readWorkspace } from '@rapport/core';

/** Answers 200 when the table can be read. */
export const handler = apiHandler({ public: true }, async () => {
  await readWorkspace('health-probe');

  return json(200, { status: 'ok' });
});
