/**
 * The one state machine that runs every sequence. It holds no step of its
 * own: `sequenceStep` reads the enrollment's next step from the table, and the
 * machine waits, sends, and loops until the step function answers `done`.
 * Keeping the steps in data means a new sequence needs no deployment.
 */
const retryTransient = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'States.Timeout',
      'States.TaskFailed',
    ],
    IntervalSeconds: 2,
    BackoffRate: 2,
    MaxAttempts: 6,
  },
];

export const sequenceRunnerDefinition = {
  Comment: 'Walks one enrollment through its sequence, step by step.',
  StartAt: 'NextStep',
  States: {
    NextStep: {
      Type: 'Task',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder
      Resource: '${sequenceStep}',
      Parameters: {
        'workspaceId.$': '$.workspaceId',
        'enrollmentId.$': '$.enrollmentId',
        'contactId.$': '$.contactId',
        'position.$': '$.position',
      },
      ResultPath: '$.step',
      Retry: retryTransient,
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.step.type', StringEquals: 'email', Next: 'SendEmail' },
        { Variable: '$.step.type', StringEquals: 'wait', Next: 'Wait' },
        { Variable: '$.step.type', StringEquals: 'done', Next: 'Done' },
      ],
      Default: 'UnknownStep',
    },
    Wait: {
      Type: 'Wait',
      SecondsPath: '$.step.waitSeconds',
      Next: 'Advance',
    },
    SendEmail: {
      Type: 'Task',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder
      Resource: '${sequenceSendEmail}',
      Parameters: {
        'workspaceId.$': '$.workspaceId',
        'enrollmentId.$': '$.enrollmentId',
        'contactId.$': '$.contactId',
        'position.$': '$.position',
      },
      ResultPath: null,
      Retry: retryTransient,
      Next: 'Advance',
    },
    Advance: {
      Type: 'Pass',
      Parameters: {
        'workspaceId.$': '$.workspaceId',
        'enrollmentId.$': '$.enrollmentId',
        'contactId.$': '$.contactId',
        'position.$': 'States.MathAdd($.position, 1)',
      },
      Next: 'NextStep',
    },
    UnknownStep: {
      Type: 'Fail',
      Error: 'Sequence.UnknownStep',
      Cause: 'The step function answered a step type this machine cannot run.',
    },
    Done: { Type: 'Succeed' },
  },
} as const;
