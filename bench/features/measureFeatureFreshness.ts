import { KinesisClient } from '@aws-sdk/client-kinesis';
import { PUT_TICK_MS } from '../reports/measureFreshness';
import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GeneratedEvent } from '../../lib/generator';
import { sdkClientConfig } from '../../local/up';
import { ENRICHED_STREAM } from '../../stacks/config';
import type { InvocationSummary } from '../reports/InvocationLog';
import { PUT_RECORDS_MAX, putEvents, toEntry } from '../reports/putEvents';
import { quantile } from '../reports/quantile';
import { restamp } from '../reports/restamp';
import type { BenchStack } from '../reports/startBenchStack';

/** Options of {@link measureFeatureFreshness}. */
export interface FeatureFreshnessOptions {
  /** Mean events per second. */
  readonly rate: number;
  /** How long traffic is sent, in s. */
  readonly seconds: number;
}

/** One sampled PutRecords call: its newest event's user and time. */
interface Sample {
  readonly putAtMs: number;
  readonly user: string;
  readonly eventTimeMs: number;
  seenAtMs: number | null;
}

/** What {@link measureFeatureFreshness} found; times in ms. */
export interface FeatureFreshnessResult {
  readonly targetRate: number;
  readonly achievedRate: number;
  readonly seconds: number;
  readonly events: number;
  readonly putBatches: number;
  /** Put batches sampled (those with a user), and those whose user's record never showed the event within the drain time. */
  readonly sampledBatches: number;
  readonly unseenBatches: number;
  /**
   * Nearest rank over every sampled batch; an unseen batch counts as the time from its put to the
   * end of polling, so a quantile that falls on one is a lower bound (named in `lowerBounds`).
   */
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The quantiles above that are lower bounds. */
  readonly lowerBounds: readonly string[];
  /** Mean over the batches seen. */
  readonly meanSeenMs: number;
  /** GetRecord calls sent, and the mean time between polling rounds (50 ms unless a round took longer). */
  readonly getRecords: number;
  readonly meanPollIntervalMs: number;
  /** Records of the run the feature consumer had not processed when the last put was acknowledged. */
  readonly backlogAtEndOfPuts: number;
  /** Records the feature consumer processed per second, from the first put to the end of polling. */
  readonly featureRecordsPerSecond: number;
  /** The feature handler's invocations during the run. */
  readonly meanBatchRecords: number;
  readonly invocations: InvocationSummary;
}

// Due events are gathered and put every PUT_TICK_MS, as the demo and the reports bench do.
export { PUT_TICK_MS };
/** How often the pending users' records are read. */
export const GET_RECORD_POLL_MS = 50;
/** GetRecord calls in flight at once. */
const POLL_CONCURRENCY = 16;
const LEAD_MS = 2_000;
/** How long polling goes on after the last put, for the last samples to show. */
const DRAIN_MS = 10_000;
const FEATURE_GROUP = 'user_activity';

function progress(bench: BenchStack): { records: number; batches: number } {
  const mapping = bench.stack.consumerStats().find((m) => m.name === 'features');
  return { records: mapping?.recordsProcessed ?? 0, batches: mapping?.batches ?? 0 };
}

/** The newest event (by event time) of a put batch that has a user, or undefined. */
function newestUser(chunk: readonly GeneratedEvent[]): { user: string; eventTimeMs: number } | undefined {
  let best: { user: string; eventTimeMs: number } | undefined;
  for (const g of chunk) {
    const user = g.event.domain_userid;
    if (user !== null && user !== '' && (best === undefined || g.eventTimeMs > best.eventTimeMs)) best = { user, eventTimeMs: g.eventTimeMs };
  }
  return best;
}

/**
 * Event-to-online-feature freshness on the local stack at a steady rate: the traffic, re-stamped
 * onto the wall clock at exactly `rate` events a second with new event ids, is put into the
 * enriched stream when due (gathered every 100 ms). For each put batch, its newest event's user is
 * read with GetRecord (`user_activity`, `event_time` only) every 50 ms until the record's
 * `event_time` is at or past that event's time; the batch's freshness is from its PutRecords call
 * to that answer's arrival.
 *
 * @param traffic - at least `rate × seconds` events of steady traffic (see steadyTraffic).
 */
export async function measureFeatureFreshness(bench: BenchStack, traffic: readonly GeneratedEvent[], options: FeatureFreshnessOptions): Promise<FeatureFreshnessResult> {
  const count = Math.ceil(options.rate * options.seconds);
  if (traffic.length < count) throw new Error(`features bench: the freshness run needs ${count} events, got ${traffic.length}`);
  const log = bench.invocationsOf('features');
  if (log === undefined) throw new Error('features bench: the local stack runs no `features` consumer (DEFAULT_CONSUMERS)');
  const { endpoints } = bench.stack;
  const kinesis = new KinesisClient(sdkClientConfig(endpoints, 'kinesis'));
  const featureStore = new SageMakerFeatureStoreRuntimeClient(sdkClientConfig(endpoints, 'featurestore'));
  const startMs = Date.now() + LEAD_MS;
  const endMs = startMs + options.seconds * 1000;
  const live = restamp(traffic.slice(0, count), { startMs, rate: options.rate, salt: 'features-freshness' });
  await sleep(Math.max(0, startMs - Date.now()));

  const samples: Sample[] = [];
  let putBatches = 0;
  let events = 0;
  let backlogAtEndOfPuts = 0;
  let getRecords = 0;
  let pollRounds = 0;
  const before = progress(bench);
  let sending = true;
  let at = 0;
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
          putBatches++;
          events += chunk.length;
          const newest = newestUser(chunk);
          if (newest !== undefined) samples.push({ putAtMs, ...newest, seenAtMs: null });
        }
        await sleep(Math.max(0, tick + PUT_TICK_MS - Date.now()));
      }
      backlogAtEndOfPuts = Math.max(0, events - (progress(bench).records - before.records));
    } finally {
      sending = false;
    }
  })();

  const check = async (sample: Sample): Promise<void> => {
    getRecords++;
    const out = await featureStore.send(new GetRecordCommand({ FeatureGroupName: FEATURE_GROUP, RecordIdentifierValueAsString: sample.user, FeatureNames: ['event_time'] }), {
      abortSignal: AbortSignal.timeout(2_000),
    });
    const iso = out.Record?.find((f) => f.FeatureName === 'event_time')?.ValueAsString;
    if (iso !== undefined && Date.parse(iso) >= sample.eventTimeMs) sample.seenAtMs = Date.now();
  };
  const poller = (async () => {
    const drainUntil = (): number => (sending ? Infinity : endMs + DRAIN_MS);
    while (Date.now() < drainUntil()) {
      const began = Date.now();
      const pending = samples.filter((s) => s.seenAtMs === null);
      if (!sending && pending.length === 0) break;
      let next = 0;
      const worker = async () => {
        while (next < pending.length) await check(pending[next++]!).catch(() => undefined);
      };
      await Promise.all(Array.from({ length: Math.min(POLL_CONCURRENCY, pending.length) }, worker));
      pollRounds++;
      await sleep(Math.max(0, began + GET_RECORD_POLL_MS - Date.now()));
    }
  })();
  const pollBegan = Date.now();
  const [sent] = await Promise.allSettled([sender, poller]);
  const pollMs = Date.now() - pollBegan;
  kinesis.destroy();
  featureStore.destroy();
  if (sent.status === 'rejected') throw sent.reason;
  const after = progress(bench);

  const endedMs = Date.now();
  const seen = samples.filter((s) => s.seenAtMs !== null).map((s) => s.seenAtMs! - s.putAtMs);
  // An unseen batch's freshness is at least until polling stopped; -0.5 ms marks it as a bound.
  const all = samples.map((s) => (s.seenAtMs === null ? endedMs - s.putAtMs - 0.5 : s.seenAtMs - s.putAtMs));
  const quantiles = { p50: quantile(all, 0.5), p90: quantile(all, 0.9), p99: quantile(all, 0.99), max: quantile(all, 1) };
  return {
    targetRate: options.rate,
    achievedRate: Math.round(events / options.seconds),
    seconds: options.seconds,
    events,
    putBatches,
    sampledBatches: samples.length,
    unseenBatches: samples.length - seen.length,
    p50Ms: Math.ceil(quantiles.p50),
    p90Ms: Math.ceil(quantiles.p90),
    p99Ms: Math.ceil(quantiles.p99),
    maxMs: Math.ceil(quantiles.max),
    lowerBounds: Object.entries(quantiles).filter(([, v]) => !Number.isInteger(v)).map(([k]) => k),
    meanSeenMs: Math.round(seen.reduce((a, b) => a + b, 0) / Math.max(1, seen.length)),
    getRecords,
    meanPollIntervalMs: Math.round(pollMs / Math.max(1, pollRounds)),
    backlogAtEndOfPuts,
    featureRecordsPerSecond: Math.round((after.records - before.records) / (pollMs / 1000)),
    meanBatchRecords: Math.round((after.records - before.records) / Math.max(1, after.batches - before.batches)),
    invocations: log.summary(startMs),
  };
}
