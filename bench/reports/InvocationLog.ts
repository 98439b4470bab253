import type { KinesisBatchHandler } from '../../local/esm';
import { quantile } from './quantile';

/** One invocation of the report handler by the local event-source-mapping runner. */
export interface Invocation {
  /** When it began, epoch ms. */
  readonly startMs: number;
  /** How long it took, in ms. */
  readonly durationMs: number;
  /** How long the batch's oldest record had been in the stream when it began (its wait for the batch), in ms. */
  readonly oldestRecordAgeMs: number;
  readonly records: number;
}

/** p50 and p99 (nearest rank) of the invocations' durations and of their oldest records' ages, in ms. */
export interface InvocationSummary {
  readonly invocations: number;
  readonly durationP50Ms: number;
  readonly durationP99Ms: number;
  readonly oldestRecordAgeP50Ms: number;
  readonly oldestRecordAgeP99Ms: number;
}

/**
 * Times each invocation of a handler wrapped by {@link InvocationLog.wrap}: when it began, how
 * long it took, and how long its oldest record had waited in the stream (from Kinesis's
 * approximate arrival time). What the wrapper adds is two clock reads per invocation.
 */
export class InvocationLog {
  private readonly entries: Invocation[] = [];

  /** The handler, timed. */
  wrap(handler: KinesisBatchHandler): KinesisBatchHandler {
    return async (event, context) => {
      const startMs = Date.now();
      const oldestArrivalMs = Math.min(...event.Records.map((r) => r.kinesis.approximateArrivalTimestamp * 1000));
      try {
        return await handler(event, context);
      } finally {
        this.entries.push({ startMs, durationMs: Date.now() - startMs, oldestRecordAgeMs: Math.max(0, startMs - oldestArrivalMs), records: event.Records.length });
      }
    };
  }

  /** The invocations that began at or after `sinceMs`, summarised. */
  summary(sinceMs: number): InvocationSummary {
    const since = this.entries.filter((e) => e.startMs >= sinceMs);
    const durations = since.map((e) => e.durationMs);
    const ages = since.map((e) => e.oldestRecordAgeMs);
    return {
      invocations: since.length,
      durationP50Ms: quantile(durations, 0.5),
      durationP99Ms: quantile(durations, 0.99),
      oldestRecordAgeP50Ms: quantile(ages, 0.5),
      oldestRecordAgeP99Ms: quantile(ages, 0.99),
    };
  }
}
