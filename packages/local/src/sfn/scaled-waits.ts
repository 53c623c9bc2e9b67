import { JSONPath } from 'jsonpath-plus';

type StateDefinition = Record<string, unknown>;
type Definition = { StartAt: string; States: Record<string, StateDefinition> };

const readPath = (path: string, input: unknown): unknown =>
  JSONPath({ path, json: input as object, wrap: false });

/** Milliseconds a Wait state would pause for this input, on AWS's clock. */
export const waitMilliseconds = (
  state: StateDefinition,
  input: unknown,
  now = Date.now(),
): number => {
  // The replacing Task has applied InputPath before its handler runs.
  const scoped = input;
  if (typeof state.Seconds === 'number') return state.Seconds * 1000;
  if (typeof state.SecondsPath === 'string') {
    return Number(readPath(state.SecondsPath, scoped)) * 1000;
  }
  const timestamp =
    typeof state.Timestamp === 'string'
      ? state.Timestamp
      : typeof state.TimestampPath === 'string'
        ? String(readPath(state.TimestampPath, scoped))
        : undefined;
  if (timestamp) return Math.max(0, Date.parse(timestamp) - now);

  throw new Error(
    'A Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath',
  );
};

/**
 * The local clock runs `timeScale` times faster than AWS's, so that a
 * three-day sequence can be watched in seconds. Each Wait state becomes a
 * Task of the same name that pauses for the scaled time and passes its
 * input on unchanged; everything else in the definition is untouched.
 */
export const withScaledWaits = (
  definition: Definition,
  timeScale: number,
  signal: AbortSignal,
): {
  definition: Definition;
  handlers: Record<string, (input: unknown) => Promise<unknown>>;
} => {
  const states: Record<string, StateDefinition> = {};
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};

  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Wait') {
      states[name] = state;
      continue;
    }
    const { Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
    states[name] = {
      ...rest,
      Type: 'Task',
      Resource: `arn:aws:lambda:us-east-1:000000000000:function:local-wait-${name}`,
      ResultPath: null,
    };
    handlers[name] = (input) =>
      new Promise((resolve, reject) => {
        const ms = waitMilliseconds(state, input) / timeScale;
        const timer = setTimeout(() => resolve({}), ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('Execution stopped'));
        });
      });
  }

  return { definition: { ...definition, States: states }, handlers };
};
