import { KinesisClient } from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GeneratedEvent } from '../../lib/generator';
import { apiKeyHeaders } from '../../local/http';
import { sdkClientConfig } from '../../local/up';
import { ENRICHED_STREAM } from '../../stacks/config';
import { PUT_RECORDS_MAX, putEvents, toEntry } from './putEvents';
import type { InvocationSummary } from './InvocationLog';
import { quantile } from './quantile';
import { restamp } from './restamp';
import type { BenchStack } from './startBenchStack';

/** Options of {@link measureFreshness}. */
export interface FreshnessOptions {
  /** Mean events per second. */
  readonly rate: number;
  /** How long traffic is sent, in s. */
  readonly seconds: number;
}

/** One PutRecords call of the paced traffic. */
interface PutBatch {
  readonly putAtMs: number;
  readonly records: number;
  readonly newestEventTimeMs: number;
}

/** One answer of `GET /api/health`. */
interface Poll {
  readonly atMs: number;
  readonly newestEventTimeMs: number | null;
}

/** What {@link measureFreshness} found; times in ms. */
export interface FreshnessResult {
  readonly targetRate: number;
  readonly achievedRate: number;
  readonly seconds: number;
  readonly events: number;
  readonly putBatches: number;
  readonly measuredBatches: number;
  /** Batches whose newest event time the API never showed within the drain time. */
  readonly unseenBatches: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  readonly polls: number;
  /** Handler invocations during the run: records per invocation on average, durations, and how long the oldest record of each had waited. */
  readonly meanBatchRecords: number;
  readonly invocations: InvocationSummary;
  /** How late the sender started after its planned start (re-stamping took longer), in ms. */
  readonly startDelayMs: number;
}

/** How often due events are gathered and put. */
export const PUT_TICK_MS = 100;
/** How often `GET /api/health` is polled. */
export const HEALTH_POLL_MS = 50;
/** Time given to re-stamping the traffic before it starts. */
const LEAD_MS = 2_000;
/** How long polling goes on after the last put, for the last batches to show. */
const DRAIN_MS = 15_000;

async function readNewest(url: string, headers: Record<string, string>): Promise<number | null> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
  const body = (await response.json()) as { reports?: { newest_event_time?: string | null } };
  const iso = body.reports?.newest_event_time;
  return typeof iso === 'string' ? Date.parse(iso) : null;
}

function progress(bench: BenchStack): { records: number; batches: number } {
  const mapping = bench.stack.consumerStats().find((m) => m.name === 'reports');
  return { records: mapping?.recordsProcessed ?? 0, batches: mapping?.batches ?? 0 };
}

/**
 * Event-to-report freshness on the local stack at a steady rate: the traffic, re-stamped onto
 * the wall clock at exactly `rate` events a second with new event ids, goes into the enriched
 * stream the local demo's way (each event put when its collector time comes due, gathered every
 * 100 ms), while `GET /api/health` is polled every 50 ms. A put batch's freshness is the time
 * from its PutRecords call to the first poll (answer received) whose
 * `reports.newest_event_time` is at or past the batch's newest event time.
 *
 * @param traffic - at least `rate × seconds` events of steady traffic (see steadyTraffic).
 */
export async function measureFreshness(bench: BenchStack, traffic: readonly GeneratedEvent[], options: FreshnessOptions): Promise<FreshnessResult> {
  const count = Math.ceil(options.rate * options.seconds);
  if (traffic.length < count) throw new Error(`reports bench: the freshness run needs ${count} events, got ${traffic.length}`);
  const { endpoints } = bench.stack;
  const kinesis = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
  const healthUrl = `${endpoints.http}/api/health`;
  const startMs = Date.now() + LEAD_MS;
  const endMs = startMs + options.seconds * 1000;
  const live = restamp(traffic.slice(0, count), { startMs, rate: options.rate, salt: 'freshness' });
  let at = 0;
  const startDelayMs = Math.max(0, Date.now() - startMs);
  await sleep(Math.max(0, startMs - Date.now()));

  const batches: PutBatch[] = [];
  const polls: Poll[] = [];
  const before = progress(bench);
  let sending = true;
  const sender = (async () => {
    try {
      while (Date.now() < endMs) {
        const tick = Date.now();
        const due: GeneratedEvent[] = [];
        while (at < live.length && live[at]!.collectorTimeMs <= tick) due.push(live[at++]!);
        for (let i = 0; i < due.length; i += PUT_RECORDS_MAX) {
          const chunk = due.slice(i, i + PUT_RECORDS_MAX);
          const putAtMs = Date.now();
          await putEvents(kinesis, ENRICHED_STREAM.streamName, chunk.map(toEntry));
          batches.push({ putAtMs, records: chunk.length, newestEventTimeMs: Math.max(...chunk.map((g) => g.eventTimeMs)) });
        }
        await sleep(Math.max(0, tick + PUT_TICK_MS - Date.now()));
      }
    } finally {
      sending = false;
    }
  })();
  const newestPut = (): number => batches.reduce((m, b) => Math.max(m, b.newestEventTimeMs), 0);
  const poller = (async () => {
    const drainUntil = (): number => (sending ? Infinity : endMs + DRAIN_MS);
    while (Date.now() < drainUntil()) {
      const began = Date.now();
      const newestEventTimeMs = await readNewest(healthUrl, apiKeyHeaders(endpoints)).catch(() => null);
      polls.push({ atMs: Date.now(), newestEventTimeMs });
      if (!sending && newestEventTimeMs !== null && newestEventTimeMs >= newestPut()) break;
      await sleep(Math.max(0, began + HEALTH_POLL_MS - Date.now()));
    }
  })();
  const [sent] = await Promise.allSettled([sender, poller]);
  kinesis.destroy();
  if (sent.status === 'rejected') throw sent.reason;
  const after = progress(bench);

  const freshness: number[] = [];
  for (const batch of batches) {
    const seen = polls.find((p) => p.atMs >= batch.putAtMs && p.newestEventTimeMs !== null && p.newestEventTimeMs >= batch.newestEventTimeMs);
    if (seen !== undefined) freshness.push(seen.atMs - batch.putAtMs);
  }
  const events = batches.reduce((sum, b) => sum + b.records, 0);
  const processed = after.records - before.records;
  const calls = after.batches - before.batches;
  return {
    targetRate: options.rate,
    achievedRate: Math.round(events / options.seconds),
    seconds: options.seconds,
    events,
    putBatches: batches.length,
    measuredBatches: freshness.length,
    unseenBatches: batches.length - freshness.length,
    p50Ms: quantile(freshness, 0.5),
    p90Ms: quantile(freshness, 0.9),
    p99Ms: quantile(freshness, 0.99),
    maxMs: quantile(freshness, 1),
    meanMs: Math.round(freshness.reduce((a, b) => a + b, 0) / Math.max(1, freshness.length)),
    polls: polls.length,
    meanBatchRecords: Math.round(processed / Math.max(1, calls)),
    invocations: bench.invocations.summary(startMs),
    startDelayMs,
  };
}
