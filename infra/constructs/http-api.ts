import type { FunctionName, RouteSpec } from '@rapport/blueprint';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface RapportHttpApiProps {
  routes: RouteSpec<FunctionName>[];
  functions: Record<FunctionName, IFunction>;
}

const routeKeyOf = (routeKey: RouteSpec<FunctionName>['routeKey']) => {
  if (routeKey === '$default') return HttpRouteKey.DEFAULT;

  const [method = '', path = ''] = routeKey.split(' ');

  return HttpRouteKey.with(path, HttpMethod[method as keyof typeof HttpMethod]);
};

/** The HTTP API: one route per blueprint route, payload format 2.0. */
export class RapportHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: RapportHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      description: 'Rapport: contacts, forms and sequences',
    });
    this.limitAndLog();

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      const found = integrations.get(name);

      if (found) return found;

      const made = new HttpLambdaIntegration(
        `${name}Integration`,
        props.functions[name],
        { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 },
      );
      integrations.set(name, made);

      return made;
    };

    for (const route of props.routes) {
      new HttpRoute(this, route.routeKey.replaceAll('/', '-'), {
        httpApi: this.api,
        routeKey: routeKeyOf(route.routeKey),
        integration: integrationFor(route.function),
      });
    }
  }

  /**
   * Throttles the stage so that a flood on the public form route cannot run
   * up the account's Lambda concurrency, and writes one JSON access log line
   * per request.
   */
  private limitAndLog() {
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
    });

    stage.defaultRouteSettings = {
      throttlingRateLimit: 200,
      throttlingBurstLimit: 400,
    };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        time: '$context.requestTime',
      }),
    };
  }
}
