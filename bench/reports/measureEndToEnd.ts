import { KinesisClient } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GeneratedEvent } from '../../lib/generator';
import { sdkClientConfig } from '../../local/up';
import { ENRICHED_STREAM } from '../../stacks/config';
import { DynamoReportStore } from '../../stores/reports';
import type { InvocationSummary } from './InvocationLog';
import { PUT_RECORDS_MAX, putEvents, toEntry } from './putEvents';
import type { BenchStack } from './startBenchStack';

/** What {@link measureEndToEnd} found. */
export interface EndToEndResult {
  readonly events: number;
  /** PutRecords calls in flight at once. */
  readonly putConcurrency: number;
  /** From the first PutRecords to the last acknowledged, in s. */
  readonly putSeconds: number;
  /** From the first PutRecords to the report handler having processed every record, in s. */
  readonly seconds: number;
  /** `events / seconds`. */
  readonly eventsPerSecond: number;
  /** Records per handler invocation on average, and the invocations' durations. */
  readonly meanBatchRecords: number;
  readonly invocations: InvocationSummary;
  /** The `events` report summed over the run's hours, and what it must be (the events less the generator's duplicates). */
  readonly countedEvents: number;
  readonly expectedEvents: number;
  /** Whether every record was processed before the time limit. */
  readonly completed: boolean;
}

const PUT_CONCURRENCY = 2;
const POLL_MS = 50;
const HOUR_MS = 3_600_000;

/** Records the stack's report consumer has processed, and its invocations. */
function progress(bench: BenchStack): { records: number; batches: number } {
  const mapping = bench.stack.consumerStats().find((m) => m.name === 'reports');
  return { records: mapping?.recordsProcessed ?? 0, batches: mapping?.batches ?? 0 };
}

/**
 * Sustained end-to-end throughput of the local stack: puts the events into the enriched stream
 * as fast as PutRecords takes them (500 records a call, two calls in flight), and times from the
 * first put until the report consumer (event-source-mapping runner + report handler, as
 * `snowline up` runs them) has processed every record; then checks the `events` report.
 *
 * @param timeoutMs - the longest it waits for the consumer after the last put.
 */
export async function measureEndToEnd(bench: BenchStack, generated: readonly GeneratedEvent[], timeoutMs: number): Promise<EndToEndResult> {
  const { endpoints } = bench.stack;
  const kinesis = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
  const reader = new DynamoReportStore({ dynamodb: { endpoint: endpoints.dynamodb, region: endpoints.region } });
  try {
    const before = progress(bench);
    const beganMs = Date.now();
    const chunks: GeneratedEvent[][] = [];
    for (let i = 0; i < generated.length; i += PUT_RECORDS_MAX) chunks.push(generated.slice(i, i + PUT_RECORDS_MAX));
    let next = 0;
    const began = performance.now();
    const putter = async (): Promise<void> => {
      while (next < chunks.length) await putEvents(kinesis, ENRICHED_STREAM.streamName, chunks[next++]!.map(toEntry));
    };
    await Promise.all(Array.from({ length: PUT_CONCURRENCY }, putter));
    const putSeconds = (performance.now() - began) / 1000;

    const deadline = performance.now() + timeoutMs;
    let now = progress(bench);
    while (now.records - before.records < generated.length && performance.now() < deadline) {
      await sleep(POLL_MS);
      now = progress(bench);
    }
    const seconds = (performance.now() - began) / 1000;
    const processed = now.records - before.records;
    const calls = now.batches - before.batches;

    const times = generated.map((g) => g.eventTimeMs);
    const fromMs = Math.floor(Math.min(...times) / HOUR_MS) * HOUR_MS;
    const toMs = (Math.floor(Math.max(...times) / HOUR_MS) + 1) * HOUR_MS;
    const rows = await reader.query({ report: 'events', granularity: 'hour', fromMs, toMs });
    return {
      events: generated.length,
      putConcurrency: PUT_CONCURRENCY,
      putSeconds: round2(putSeconds),
      seconds: round2(seconds),
      eventsPerSecond: Math.round(processed / seconds),
      meanBatchRecords: Math.round(processed / Math.max(1, calls)),
      invocations: bench.invocations.summary(beganMs),
      countedEvents: rows.reduce((sum, row) => sum + row.value, 0),
      expectedEvents: generated.filter((g) => !g.duplicate).length,
      completed: processed >= generated.length,
    };
  } finally {
    kinesis.destroy();
    reader.destroy();
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
