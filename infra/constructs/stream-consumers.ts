import type { FunctionName, StreamConsumerSpec } from '@rapport/blueprint';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  FilterCriteria,
  type Function as LambdaFunction,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import {
  DynamoEventSource,
  SqsDlq,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface StreamConsumersProps {
  consumers: StreamConsumerSpec<FunctionName>[];
  table: ITableV2;
  functions: Record<FunctionName, LambdaFunction>;
}

/**
 * The table stream's consumers. A batch that still fails after its retries
 * leaves a record of itself in a queue, so nothing is dropped unseen.
 */
export class StreamConsumers extends Construct {
  constructor(scope: Construct, id: string, props: StreamConsumersProps) {
    super(scope, id);

    for (const consumer of props.consumers) {
      const failures = new Queue(this, `${consumer.name}Failures`, {
        retentionPeriod: Duration.days(14),
        enforceSSL: true,
      });

      props.functions[consumer.function].addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          batchSize: consumer.batchSize,
          filters: consumer.filters.map((pattern) =>
            FilterCriteria.filter(pattern),
          ),
          retryAttempts: consumer.retryAttempts,
          bisectBatchOnError: consumer.bisectBatchOnError,
          reportBatchItemFailures: true,
          maxBatchingWindow: Duration.seconds(
            consumer.maxBatchingWindowSeconds,
          ),
          onFailure: new SqsDlq(failures),
        }),
      );
    }
  }
}
