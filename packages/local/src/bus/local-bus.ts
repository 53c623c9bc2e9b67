import { randomUUID } from 'node:crypto';
import type { FunctionName, RuleSpec } from '@rapport/blueprint';
import { invokeFunction } from '../lambda/invoke';
import { matchesPattern } from './event-pattern';

export interface PutEventsEntry {
  EventBusName?: string;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Time?: number | string;
  Resources?: string[];
}

/** Lambda's own retries of an asynchronous invocation, as EventBridge uses. */
const asyncInvokeRetries = 2;

/**
 * EventBridge on one machine: PutEvents matches each entry against the
 * blueprint's rules with EventBridge's pattern semantics and invokes each
 * target asynchronously, retrying a failed target as Lambda's asynchronous
 * invocation does, then handing it to the dead-letter sink.
 */
export class LocalBus {
  private deliveries = new Set<Promise<void>>();

  constructor(
    private options: {
      busName: string;
      rules: RuleSpec<FunctionName>[];
      timeScale: number;
      onDeadLetter: (rule: string, event: unknown, error: unknown) => void;
      log: (entry: Record<string, unknown>) => void;
    },
  ) {}

  putEvents(entries: PutEventsEntry[]) {
    const results = entries.map((entry) => {
      if (entry.EventBusName && entry.EventBusName !== this.options.busName) {
        return {
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${entry.EventBusName} does not exist.`,
        };
      }
      if (!entry.Source || !entry.DetailType || !entry.Detail) {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Source, DetailType and Detail are required.',
        };
      }
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail);
      } catch {
        return {
          ErrorCode: 'MalformedDetail',
          ErrorMessage: 'Detail is not valid JSON.',
        };
      }

      const id = randomUUID();
      const time = entry.Time
        ? new Date(
            typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time,
          )
        : new Date();
      this.route({
        version: '0',
        id,
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: '000000000000',
        time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: 'us-east-1',
        resources: entry.Resources ?? [],
        detail,
      });

      return { EventId: id };
    });

    return {
      FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
      Entries: results,
    };
  }

  private route(event: Record<string, unknown>) {
    for (const rule of this.options.rules) {
      if (!matchesPattern(rule.pattern, event)) continue;
      const delivery = this.deliver(rule, event);
      this.deliveries.add(delivery);
      delivery.finally(() => this.deliveries.delete(delivery));
    }
  }

  private async deliver(
    rule: RuleSpec<FunctionName>,
    event: Record<string, unknown>,
  ) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await invokeFunction(rule.target, event);
        return;
      } catch (error) {
        if (attempt >= asyncInvokeRetries) {
          this.options.log({
            level: 'ERROR',
            message: 'Rule target failed',
            rule: rule.name,
            eventId: event.id,
            error: String(error),
          });
          this.options.onDeadLetter(rule.name, event, error);
          return;
        }
        // Lambda waits about a minute, then two, before retrying.
        await new Promise((r) =>
          setTimeout(r, (60_000 * 2 ** attempt) / this.options.timeScale),
        );
      }
    }
  }

  /** Resolves once every delivery started so far has finished. */
  async drained(): Promise<void> {
    while (this.deliveries.size > 0)
      await Promise.allSettled([...this.deliveries]);
  }
}
