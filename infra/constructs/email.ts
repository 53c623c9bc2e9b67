import { Stack } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface RapportEmailProps {
  /** The sender address; its domain (or itself) is verified in SES. */
  from: string;
  /**
   * Verified recipients, for an account still in the SES sandbox, where SES
   * also checks the sender's right to send to each recipient identity.
   */
  sandboxRecipients: string[];
}

const domainOf = (address: string): string => {
  const domain = address.split('@')[1];

  if (!domain) throw new Error(`emailFrom is not an address: ${address}`);

  return domain;
};

/** The SES configuration set, and the right to send from one sender. */
export class RapportEmail extends Construct {
  readonly configurationSet: ConfigurationSet;
  private readonly sendResources: string[];

  constructor(scope: Construct, id: string, props: RapportEmailProps) {
    super(scope, id);

    const stack = Stack.of(this);
    const identity = (name: string) =>
      stack.formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: name,
      });

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
    });
    // SES authorizes against whichever identity is verified: the domain or
    // the address itself, so both are named and nothing else.
    this.sendResources = [
      identity(domainOf(props.from)),
      identity(props.from),
      ...props.sandboxRecipients.map(identity),
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
    ];
  }

  /** Lets the grantee call ses:SendEmail from the sender, and nothing more. */
  grantSend(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail'],
      resourceArns: this.sendResources,
    });
  }
}
