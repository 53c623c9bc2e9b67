import {
  type Blueprint,
  type FunctionName,
  blueprint as rapportBlueprint,
} from '@rapport/blueprint';
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { RapportEmail } from './constructs/email';
import { RapportFunctions } from './constructs/functions';
import { grantPermissions } from './constructs/grants';
import { RapportHttpApi } from './constructs/http-api';
import { BusRules } from './constructs/rules';
import { RapportSchedules } from './constructs/schedules';
import { RapportStateMachines } from './constructs/state-machines';
import { StreamConsumers } from './constructs/stream-consumers';
import { rapportTable } from './constructs/table';

export interface RapportStackProps extends StackProps {
  /** The folder holding one bundle folder per function. */
  bundleDir: string;
  /** The address sequence emails come from. */
  emailFrom: string;
  /** Verified recipients, while the account is in the SES sandbox. */
  sandboxRecipients?: string[];
  /** Rapport's blueprint unless told otherwise (tests add to it). */
  blueprint?: Blueprint<FunctionName>;
}

/** The state machine that functions with `sequence:start` may start. */
export const sequenceRunnerName = 'SequenceRunner';

/** Rapport in one stack, every part of it read from the blueprint. */
export class RapportStack extends Stack {
  constructor(scope: Construct, id: string, props: RapportStackProps) {
    super(scope, id, props);

    const spec = props.blueprint ?? rapportBlueprint;
    const table = rapportTable(this, spec.table);
    const bus = new EventBus(this, 'Bus', {
      eventBusName: `rapport-${this.stackName}`,
    });
    const email = new RapportEmail(this, 'Email', {
      from: props.emailFrom,
      sandboxRecipients: props.sandboxRecipients ?? [],
    });
    // The machines run functions, so they are made after them; the
    // functions that start one learn its ARN at synthesis.
    let machines: RapportStateMachines | undefined;
    const sequenceRunner = () => {
      const machine = machines?.byName.get(sequenceRunnerName);

      if (!machine) throw new Error(`No ${sequenceRunnerName} state machine`);

      return machine;
    };

    const functions = new RapportFunctions(this, 'Functions', {
      functions: spec.functions,
      bundleDir: props.bundleDir,
      environment: {
        TABLE_NAME: table.tableName,
        EVENT_BUS_NAME: bus.eventBusName,
        EVENT_SOURCE: spec.bus.source,
        EMAIL_FROM: props.emailFrom,
        SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
        SEQUENCE_STATE_MACHINE_ARN: Lazy.string({
          produce: () => sequenceRunner().stateMachineArn,
        }),
      },
    }).byName;

    const http = new RapportHttpApi(this, 'Http', {
      routes: spec.routes,
      functions,
    });
    new StreamConsumers(this, 'StreamConsumers', {
      consumers: spec.streamConsumers,
      table,
      functions,
    });
    new BusRules(this, 'Rules', { bus, rules: spec.rules, functions });
    machines = new RapportStateMachines(this, 'StateMachines', {
      machines: spec.stateMachines,
      functions,
    });
    new RapportSchedules(this, 'Schedules', {
      schedules: spec.schedules,
      functions,
    });
    grantPermissions(spec.functions, functions, {
      table,
      bus,
      email,
      sequenceRunner,
    });

    new CfnOutput(this, 'ApiUrl', { value: http.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
