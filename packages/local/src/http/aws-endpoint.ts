import { createServer, type Server } from 'node:http';
import type { LocalBus, PutEventsEntry } from '../bus/local-bus';
import type { LocalStepFunctions } from '../sfn/local-step-functions';

type Operation = (body: Record<string, unknown>) => unknown;

class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const toEpochSeconds = (date: Date | string | undefined) =>
  date ? new Date(date).getTime() / 1000 : undefined;

/**
 * The AWS JSON protocol for the local bus and Step Functions, so that the
 * handlers' ordinary SDK clients reach them through `AWS_ENDPOINT_URL_*`.
 */
export const startAwsEndpoint = async (parts: {
  bus: LocalBus;
  stepFunctions: LocalStepFunctions;
}): Promise<{ url: string; stop(): Promise<void> }> => {
  const operations: Record<string, Operation> = {
    'AWSEvents.PutEvents': (body) =>
      parts.bus.putEvents((body.Entries as PutEventsEntry[]) ?? []),
    'AWSStepFunctions.StartExecution': (body) => {
      const started = parts.stepFunctions.startExecution(
        body as { stateMachineArn: string; name?: string; input?: string },
      );

      return {
        executionArn: started.executionArn,
        startDate: toEpochSeconds(started.startDate),
      };
    },
    'AWSStepFunctions.DescribeExecution': (body) => {
      const execution = parts.stepFunctions.describeExecution(
        String(body.executionArn),
      );
      if (!execution)
        throw new ServiceError(
          'ExecutionDoesNotExist',
          'Execution does not exist.',
        );

      return {
        ...execution,
        startDate: toEpochSeconds(execution.startDate),
        stopDate: toEpochSeconds(execution.stopDate),
      };
    },
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const reply = (status: number, payload: unknown, type?: string) => {
        response.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          ...(type ? { 'x-amzn-errortype': type } : {}),
        });
        response.end(JSON.stringify(payload));
      };
      const operation = operations[target];
      if (!operation) {
        return reply(
          400,
          {
            __type: 'UnknownOperationException',
            message: `Not served locally: ${target}`,
          },
          'UnknownOperationException',
        );
      }
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        reply(200, operation(body));
      } catch (error) {
        const type =
          error instanceof ServiceError ? error.type : (error as Error).name;
        reply(400, { __type: type, message: (error as Error).message }, type);
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
