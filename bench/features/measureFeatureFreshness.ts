import { join } from 'node:path';
import type { GeneratedEvent } from '../../lib/generator';
import { LOCAL_STACK_REGION } from '../../local/up';
import { ENRICHED_STREAM } from '../../stacks/config';
import type { InvocationSummary } from '../reports/InvocationLog';
import { PUT_TICK_MS } from '../reports/measureFreshness';
import { toEntry } from '../reports/putEvents';
import { quantile } from '../reports/quantile';
import { restamp } from '../reports/restamp';
import type { ServicesChild } from '../reports/startServicesChild';
import { processCpuMicros } from './processCpuMicros';
import { GET_RECORD_POLL_MS, runFreshnessTraffic, type TrafficOutcome } from './runFreshnessTraffic';
import type { FeatureConsumer } from './startFeatureConsumer';
import { startTrafficChild } from './startTrafficChild';

/** Options of {@link measureFeatureFreshness}. */
export interface FeatureFreshnessOptions {
  /** Mean events per second. */
  readonly rate: number;
  /** How long traffic is sent, in s. */
  readonly seconds: number;
  /** Where the traffic plan is written for the traffic child. */
  readonly workDir: string;
  /**
   * Run the producer and the GetRecord pollers in a child process of their own (true) or in this
   * process, beside the feature consumer (false, as the first version of this bench did).
   * @default true
   */
  readonly trafficChild?: boolean;
  /** Poll with BatchGetRecord (100 users a call) instead of one GetRecord per pending batch (see TrafficPlan). @default false */
  readonly batchPoll?: boolean;
}

/** CPU (user + system) each process spent during the run, per event put, in µs, and in cores (CPU seconds per second). */
export interface FreshnessCpu {
  /** This process: the feature consumer (the event-source-mapping runner and the handler). */
  readonly consumerMicrosPerEvent: number;
  readonly consumerCores: number;
  /** The services child: kinesalite, dynalite and the Feature Store. Absent without /proc. */
  readonly servicesMicrosPerEvent?: number;
  readonly servicesCores?: number;
  /** The traffic child: the producer and the GetRecord pollers (absent when they ran in this process). */
  readonly trafficMicrosPerEvent?: number;
  readonly trafficCores?: number;
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
  /** BatchGetRecord calls sent instead (with `batchPoll`). */
  readonly batchGetRecords: number;
  readonly meanPollIntervalMs: number;
  /** Records of the run the feature consumer had not processed when the last put was acknowledged. */
  readonly backlogAtEndOfPuts: number;
  /** Records the feature consumer processed per second, from the first put to the end of polling. */
  readonly featureRecordsPerSecond: number;
  /** The feature handler's invocations during the run. */
  readonly meanBatchRecords: number;
  readonly invocations: InvocationSummary;
  /** Where the producer and pollers ran: `traffic child` or `consumer process`. */
  readonly trafficIn: 'traffic child' | 'consumer process';
  /** How late the first put went after its planned start, in ms. */
  readonly startDelayMs: number;
  readonly cpu: FreshnessCpu;
}

// Due events are gathered and put every PUT_TICK_MS, as the demo and the reports bench do.
export { PUT_TICK_MS, GET_RECORD_POLL_MS };
/**
 * From re-stamping to the first put: re-stamping, writing the plan (about 25 MB at 20,000 events)
 * and the child reading it took 3.3 s on a loaded machine, so 2 s made the first puts a burst.
 */
const LEAD_MS = 6_000;
/** How long polling goes on after the last put, for the last samples to show. */
const DRAIN_MS = 10_000;

function progress(consumer: FeatureConsumer): { records: number; batches: number } {
  const stats = consumer.stats();
  return { records: stats.recordsProcessed, batches: stats.batches };
}

/**
 * Event-to-online-feature freshness at a steady rate, with the feature consumer in this process
 * (startFeatureConsumer) and kinesalite, dynalite and the Feature Store in the services child:
 * the traffic, re-stamped onto the wall clock at exactly `rate` events a second with new event
 * ids, is put into the enriched stream when due (gathered every 100 ms); for each put batch, its
 * newest event's user is read with GetRecord (`user_activity`, `event_time` only) every 50 ms
 * until the record's `event_time` is at or past that event's time; the batch's freshness is from
 * its PutRecords call to that answer's arrival (runFreshnessTraffic). The producer and the polls
 * run in a child process of their own unless `trafficChild` is false. Also reports the CPU each
 * process spent during the run.
 *
 * @param traffic - at least `rate × seconds` events of steady traffic (see steadyTraffic).
 */
export async function measureFeatureFreshness(
  services: ServicesChild,
  consumer: FeatureConsumer,
  traffic: readonly GeneratedEvent[],
  options: FeatureFreshnessOptions,
): Promise<FeatureFreshnessResult> {
  const count = Math.ceil(options.rate * options.seconds);
  if (traffic.length < count) throw new Error(`features bench: the freshness run needs ${count} events, got ${traffic.length}`);
  if (services.featurestore === undefined) throw new Error('features bench: the services child runs no Feature Store (start it with { featureStore: true })');
  const inChild = options.trafficChild ?? true;
  const child = inChild ? await startTrafficChild() : undefined;
  try {
    const startMs = Date.now() + LEAD_MS;
    const endMs = startMs + options.seconds * 1000;
    const live = restamp(traffic.slice(0, count), { startMs, rate: options.rate, salt: 'features-freshness' });
    const plan = {
      kinesis: services.kinesis,
      featurestore: services.featurestore,
      region: LOCAL_STACK_REGION,
      streamName: ENRICHED_STREAM.streamName,
      startMs,
      endMs,
      drainMs: DRAIN_MS,
      batchPoll: options.batchPoll ?? false,
      events: live.map((g) => ({ collectorTimeMs: g.collectorTimeMs, eventTimeMs: g.eventTimeMs, line: g.line, partitionKey: toEntry(g).PartitionKey!, user: g.event.domain_userid ?? null })),
    };
    let backlogAtEndOfPuts = 0;
    const before = progress(consumer);
    const onPutsDone = (events: number): void => void (backlogAtEndOfPuts = Math.max(0, events - (progress(consumer).records - before.records)));
    const cpuBefore = { consumer: process.cpuUsage(), services: await processCpuMicros(services.pid) };
    const wallBegan = Date.now();
    let outcome: TrafficOutcome;
    let trafficCpuMicros: number | undefined;
    if (child !== undefined) {
      ({ outcome, cpuMicros: trafficCpuMicros } = await child.run(plan, join(options.workDir, 'traffic-plan.json'), onPutsDone));
    } else {
      outcome = await runFreshnessTraffic(plan, onPutsDone);
    }
    const wallSeconds = (Date.now() - wallBegan) / 1000;
    const consumerUsed = process.cpuUsage(cpuBefore.consumer);
    const servicesAfter = await processCpuMicros(services.pid);
    const after = progress(consumer);
    return summarise(outcome, options, {
      backlogAtEndOfPuts,
      processed: after.records - before.records,
      batches: after.batches - before.batches,
      invocations: consumer.invocations.summary(startMs),
      trafficIn: inChild ? 'traffic child' : 'consumer process',
      cpu: cpuFigures(outcome.events, wallSeconds, consumerUsed.user + consumerUsed.system, servicesAfter === undefined || cpuBefore.services === undefined ? undefined : servicesAfter - cpuBefore.services, trafficCpuMicros),
    });
  } finally {
    await child?.stop();
  }
}

function cpuFigures(events: number, wallSeconds: number, consumer: number, services: number | undefined, traffic: number | undefined): FreshnessCpu {
  const perEvent = (micros: number) => Math.round(micros / Math.max(1, events));
  const cores = (micros: number) => Math.round((micros / 1e6 / wallSeconds) * 100) / 100;
  return {
    consumerMicrosPerEvent: perEvent(consumer),
    consumerCores: cores(consumer),
    ...(services === undefined ? {} : { servicesMicrosPerEvent: perEvent(services), servicesCores: cores(services) }),
    ...(traffic === undefined ? {} : { trafficMicrosPerEvent: perEvent(traffic), trafficCores: cores(traffic) }),
  };
}

interface ConsumerSide {
  readonly backlogAtEndOfPuts: number;
  readonly processed: number;
  readonly batches: number;
  readonly invocations: InvocationSummary;
  readonly trafficIn: FeatureFreshnessResult['trafficIn'];
  readonly cpu: FreshnessCpu;
}

function summarise(outcome: TrafficOutcome, options: FeatureFreshnessOptions, side: ConsumerSide): FeatureFreshnessResult {
  const { samples, endedMs } = outcome;
  const seen = samples.filter((s) => s.seenAtMs !== null).map((s) => s.seenAtMs! - s.putAtMs);
  // An unseen batch's freshness is at least until polling stopped; -0.5 ms marks it as a bound.
  const all = samples.map((s) => (s.seenAtMs === null ? endedMs - s.putAtMs - 0.5 : s.seenAtMs - s.putAtMs));
  const quantiles = { p50: quantile(all, 0.5), p90: quantile(all, 0.9), p99: quantile(all, 0.99), max: quantile(all, 1) };
  return {
    targetRate: options.rate,
    achievedRate: Math.round(outcome.events / options.seconds),
    seconds: options.seconds,
    events: outcome.events,
    putBatches: outcome.putBatches,
    sampledBatches: samples.length,
    unseenBatches: samples.length - seen.length,
    p50Ms: Math.ceil(quantiles.p50),
    p90Ms: Math.ceil(quantiles.p90),
    p99Ms: Math.ceil(quantiles.p99),
    maxMs: Math.ceil(quantiles.max),
    lowerBounds: Object.entries(quantiles).filter(([, v]) => !Number.isInteger(v)).map(([k]) => k),
    meanSeenMs: Math.round(seen.reduce((a, b) => a + b, 0) / Math.max(1, seen.length)),
    getRecords: outcome.getRecords,
    batchGetRecords: outcome.batchGetRecords,
    meanPollIntervalMs: Math.round(outcome.pollMs / Math.max(1, outcome.pollRounds)),
    backlogAtEndOfPuts: side.backlogAtEndOfPuts,
    featureRecordsPerSecond: Math.round(side.processed / (outcome.pollMs / 1000)),
    meanBatchRecords: Math.round(side.processed / Math.max(1, side.batches)),
    invocations: side.invocations,
    trafficIn: side.trafficIn,
    startDelayMs: outcome.startDelayMs,
    cpu: side.cpu,
  };
}
