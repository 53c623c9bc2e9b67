import type { TableSpec } from '@rapport/blueprint';
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

const key = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The one table. It holds every workspace's data, so it survives a stack
 * deletion, refuses to be deleted by accident and can be restored to any
 * second of the last 35 days.
 */
export const rapportTable = (scope: Construct, spec: TableSpec): TableV2 =>
  new TableV2(scope, 'Table', {
    partitionKey: key(spec.partitionKey),
    sortKey: key(spec.sortKey),
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    dynamoStream: StreamViewType[spec.stream],
    timeToLiveAttribute: spec.timeToLiveAttribute,
    globalSecondaryIndexes: spec.indexes.map((index) => ({
      indexName: index.name,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
      projectionType: ProjectionType.ALL,
    })),
    removalPolicy: RemovalPolicy.RETAIN,
  });
