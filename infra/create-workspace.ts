import { parseArgs } from 'node:util';
import { createWorkspace } from '@rapport/core';

/**
 * `npm run workspace:create -- --table <TableName> --name "Acme"`: makes a
 * workspace and its first API key in a deployed table, with the AWS
 * credentials and region of the environment, and prints the key once.
 */
const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    name: { type: 'string' },
    region: { type: 'string' },
  },
});

if (!values.table || !values.name) {
  console.error(
    'Usage: npm run workspace:create -- --table <TableName> --name "<workspace name>" [--region <region>]',
  );
  process.exit(2);
}
process.env.TABLE_NAME = values.table;
if (values.region) process.env.AWS_REGION = values.region;

const { workspace, apiKey } = await createWorkspace(values.name);
console.log(`Workspace ${workspace.name} (${workspace.id}) is ready.`);
console.log(`API key (shown once; only its hash is stored): ${apiKey}`);
