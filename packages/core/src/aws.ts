import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS clients, each made once per process from the environment. Locally the
 * `AWS_ENDPOINT_URL_*` variables point them at the local stand-ins, so the
 * handlers hold no code of their own for where they run.
 */
const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined;

  return () => {
    made ??= make();

    return made;
  };
};

export const dynamo = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
export const ses = /* @__PURE__ */ once(() => new SESv2Client({}));
export const eventBridge = /* @__PURE__ */ once(
  () => new EventBridgeClient({}),
);
export const stepFunctions = /* @__PURE__ */ once(() => new SFNClient({}));
