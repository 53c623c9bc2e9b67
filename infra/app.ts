import { App } from 'aws-cdk-lib';
import { bundleFunctionsSync, defaultOutDir } from './bundle';
import { RapportStack } from './rapport-stack';

const app = new App();
const context = (key: string): string | undefined =>
  app.node.tryGetContext(key);

// Context (`cdk deploy -c key=value`):
//   emailFrom          sender address, default hello@example.com
//   sandboxRecipients  comma-separated verified recipients (SES sandbox)
//   stackName          default Rapport
const sandboxRecipients = (context('sandboxRecipients') ?? '')
  .split(',')
  .map((address) => address.trim())
  .filter((address) => address !== '');

bundleFunctionsSync({ outDir: defaultOutDir });

new RapportStack(app, context('stackName') ?? 'Rapport', {
  description: 'Rapport CRM: API, table, bus, sequences and email',
  bundleDir: defaultOutDir,
  emailFrom: context('emailFrom') ?? 'hello@example.com',
  sandboxRecipients,
});
