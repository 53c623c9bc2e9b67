import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { FunctionName, StateMachineSpec } from '@rapport/blueprint';
import { StateMachine } from 'aws-local-stepfunctions';
import { invokeFunction } from '../lambda/invoke';
import { withScaledWaits } from './scaled-waits';

const accountPrefix = 'arn:aws:states:us-east-1:000000000000';

type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  /** The latest input the start state received: where a restart resumes. */
  resumeInput: string;
  status: Status;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
}

type Definition = Parameters<typeof withScaledWaits>[0];

interface Prepared {
  spec: StateMachineSpec<FunctionName>;
  machine: StateMachine;
  taskFunctions: Map<string, FunctionName>;
  waitHandlers: Record<string, (input: unknown) => Promise<unknown>>;
}

/** The error StartExecution answers for a name already used differently. */
export class ExecutionAlreadyExists extends Error {
  override name = 'ExecutionAlreadyExists';
}

export class StateMachineDoesNotExist extends Error {
  override name = 'StateMachineDoesNotExist';
}

/**
 * Step Functions on one machine: runs the blueprint's ASL definitions with
 * `aws-local-stepfunctions`, calls Task functions in-process, keeps
 * execution names unique per machine as AWS does, and journals executions
 * so that a restart resumes unfinished ones from their last loop.
 */
export class LocalStepFunctions {
  private machines = new Map<string, Prepared>();
  private executions = new Map<string, Execution>();
  private running = new Set<Promise<void>>();
  private stopping = new AbortController();

  constructor(
    private options: {
      timeScale: number;
      journalFile?: string;
      log: (entry: Record<string, unknown>) => void;
    },
  ) {
    if (options.journalFile && existsSync(options.journalFile)) {
      const saved = JSON.parse(
        readFileSync(options.journalFile, 'utf8'),
      ) as Execution[];
      for (const execution of saved)
        this.executions.set(execution.executionArn, execution);
    }
  }

  /**
   * Prepares a blueprint state machine: Task placeholders become function
   * ARNs, Wait states run on the scaled clock, and the definition is
   * validated now, so a bad one stops the start rather than a run.
   */
  register(spec: StateMachineSpec<FunctionName>): string {
    const arn = `${accountPrefix}:stateMachine:${spec.name}`;
    const source = spec.definition as Definition;
    const taskFunctions = new Map<string, FunctionName>();
    const states: Definition['States'] = {};
    for (const [stateName, state] of Object.entries(source.States)) {
      const match = /^\$\{(\w+)\}$/.exec(String(state.Resource ?? ''));
      if (state.Type === 'Task' && match?.[1]) {
        taskFunctions.set(stateName, match[1] as FunctionName);
        states[stateName] = {
          ...state,
          Resource: `arn:aws:lambda:us-east-1:000000000000:function:rapport-${match[1]}`,
        };
      } else {
        states[stateName] = state;
      }
    }
    const scaled = withScaledWaits(
      { ...source, States: states },
      this.options.timeScale,
      this.stopping.signal,
    );
    const machine = new StateMachine(scaled.definition as never, {
      validationOptions: { checkPaths: true },
    });
    this.machines.set(arn, {
      spec,
      machine,
      taskFunctions,
      waitHandlers: scaled.handlers,
    });

    return arn;
  }

  /** Starts again every execution the journal shows as still running. */
  resumeUnfinished(): number {
    const unfinished = [...this.executions.values()].filter(
      (e) => e.status === 'RUNNING',
    );
    for (const execution of unfinished)
      this.run(execution, execution.resumeInput);

    return unfinished.length;
  }

  startExecution(request: {
    stateMachineArn: string;
    name?: string;
    input?: string;
  }) {
    const spec = this.machines.get(request.stateMachineArn)?.spec;
    if (!spec)
      throw new StateMachineDoesNotExist(
        `No state machine ${request.stateMachineArn}`,
      );

    const name = request.name ?? crypto.randomUUID();
    const executionArn = `${accountPrefix}:execution:${spec.name}:${name}`;
    const input = request.input ?? '{}';
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn, startDate: new Date(existing.startDate) };
      }
      throw new ExecutionAlreadyExists(
        `Execution already exists: '${executionArn}'`,
      );
    }

    const execution: Execution = {
      executionArn,
      stateMachineArn: request.stateMachineArn,
      name,
      input,
      resumeInput: input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
    };
    this.executions.set(executionArn, execution);
    this.run(execution, input);

    return { executionArn, startDate: new Date(execution.startDate) };
  }

  describeExecution(executionArn: string): Execution | undefined {
    return this.executions.get(executionArn);
  }

  listExecutions(): Execution[] {
    return [...this.executions.values()];
  }

  private run(execution: Execution, input: string): void {
    const prepared = this.machines.get(execution.stateMachineArn);
    if (!prepared) return;
    const { spec, machine, taskFunctions, waitHandlers } = prepared;
    const startAt = (spec.definition as Definition).StartAt;
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {
      ...waitHandlers,
    };
    for (const [stateName, fn] of taskFunctions) {
      handlers[stateName] = async (taskInput) => {
        if (stateName === startAt) {
          execution.resumeInput = JSON.stringify(taskInput);
          this.saveJournal();
        }
        return invokeFunction(fn, taskInput);
      };
    }

    const run = machine.run(JSON.parse(input), {
      overrides: { taskResourceLocalHandlers: handlers as never },
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          Input: JSON.parse(execution.input),
          StartTime: execution.startDate,
        },
        StateMachine: { Id: execution.stateMachineArn, Name: spec.name },
      },
    });
    this.stopping.signal.addEventListener('abort', () => run.abort());

    const settled = run.result.then(
      (output) => {
        Object.assign(execution, {
          status: 'SUCCEEDED',
          output: JSON.stringify(output),
          stopDate: new Date().toISOString(),
        });
        this.saveJournal();
      },
      (error: Error & { cause?: unknown }) => {
        if (this.stopping.signal.aborted) return;
        Object.assign(execution, {
          status: 'FAILED',
          error: error.name,
          cause: error.message,
          stopDate: new Date().toISOString(),
        });
        this.options.log({
          level: 'ERROR',
          message: 'Execution failed',
          executionArn: execution.executionArn,
          error: error.message,
        });
        this.saveJournal();
      },
    );
    this.running.add(settled);
    settled.finally(() => this.running.delete(settled));
    this.saveJournal();
  }

  private saveJournal(): void {
    if (!this.options.journalFile) return;
    writeFileSync(
      this.options.journalFile,
      JSON.stringify([...this.executions.values()]),
    );
  }

  /** Aborts running executions; the journal keeps them for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }
}
