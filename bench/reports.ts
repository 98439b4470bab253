import os from 'node:os';
import { describeTraffic } from './reports/describeTraffic';
import { DEFAULT_EVENT_SOURCE } from '../stacks/config';
import { measureEndToEnd } from './reports/measureEndToEnd';
import { HEALTH_POLL_MS, measureFreshness, PUT_TICK_MS, type FreshnessResult } from './reports/measureFreshness';
import { measureWrites } from './reports/measureWrites';
import { parseReportsOptions } from './reports/options';
import { startBenchStack } from './reports/startBenchStack';
import { startServicesChild } from './reports/startServicesChild';
import { restamp } from './reports/restamp';
import { steadyTraffic } from './reports/steadyTraffic';
import { stopOnSignal } from './reports/stopOnSignal';

/** The targets (#4 §8). */
const TARGETS = { fewerWritesThanNaive: 50, freshnessP99Ms: 2_000, freshnessRate: 1_000 } as const;
/** The end-to-end run waits at most this long for the consumer after the last put. */
const END_TO_END_TIMEOUT_MS = 120_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * `npm run bench -- reports [--events N] [--e2e-events N] [--rate R] [--seconds S] [--rounds R] [--seed S]`:
 * the real-time reports' figures, in one run on the same generated traffic:
 * - DynamoDB write requests per 1,000 events of the report handler at 500-record batches
 *   from two shards, beside the naive one-update-per-event-per-report count of the same events;
 * - the handler's CPU per event (dynalite and kinesalite in a child process, so not counted);
 * - sustained end-to-end events/s through the local stack (kinesalite, the event-source-mapping
 *   runner with DEFAULT_EVENT_SOURCE, the handler, dynalite);
 * - event-to-report freshness p50 and p99 at a steady rate, from the put into Kinesis to the value
 *   visible through `GET /api/health`.
 */
export async function benchReports(args: readonly string[]): Promise<unknown> {
  const options = parseReportsOptions(args);
  // The AWS SDK warns on every run that it will need Node 22 from 2027; the README says so once.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const loadBefore = os.loadavg()[0]!;
  const began = performance.now();

  // One pool of steady traffic for every part. The writes run takes its first `events` and the
  // end-to-end run its first `e2eEvents`, both moved to about an hour ago; the freshness run sends it
  // again on the wall clock, with other event ids.
  const pool = steadyTraffic({ rate: options.rate, seed: options.seed, count: Math.max(options.events, options.e2eEvents, Math.ceil(options.rate * options.seconds)) });
  const generatedSeconds = (performance.now() - began) / 1000;
  // On a whole minute, so the minute windows fall on the same events every run (the writes depend on it).
  const past = restamp(pool, { startMs: Math.floor((Date.now() - HOUR_MS) / MINUTE_MS) * MINUTE_MS, rate: options.rate, salt: 'past' });
  const sample = past.slice(0, options.events);

  const signals = stopOnSignal();
  let writes;
  let endToEnd;
  let freshness;
  try {
    const child = await startServicesChild();
    const forgetChild = signals.add(child.stop);
    try {
      writes = await measureWrites(child, sample, options.rounds);
    } finally {
      forgetChild();
      await child.stop();
    }

    const bench = await startBenchStack({ consumers: ['reports'] });
    const forgetStack = signals.add(bench.close);
    try {
      endToEnd = await measureEndToEnd(bench, past.slice(0, options.e2eEvents), END_TO_END_TIMEOUT_MS);
      freshness = await measureFreshness(bench, pool, { rate: options.rate, seconds: options.seconds });
    } finally {
      forgetStack();
      await bench.close();
    }
  } finally {
    signals.dispose();
  }

  const { cpuMicrosPerEvent: _cpu, beforeStoreCpuMicrosPerEvent: _beforeStore, ...writeCounts } = writes;
  const writesMet = writes.fewerWritesThanNaive >= TARGETS.fewerWritesThanNaive;
  const freshnessMet = freshness.unseenBatches === 0 && freshness.p99Ms <= TARGETS.freshnessP99Ms;
  return {
    benchmark: 'reports',
    options,
    traffic: describeTraffic(sample, options.rate, generatedSeconds),
    writes: {
      method: 'the real handler (createReportsHandler over DynamoReportStore on dynalite) over the events cut into 500-record KinesisStreamEvents of 2 shards split by partition key (MD5, as Kinesis); write requests counted on its DynamoDB client (countWrites, SDK retries included); naive = naiveWriteCount of the same events (one update per event, per report, per granularity)',
      ...writeCounts,
    },
    handlerCpu: {
      method: 'process.cpuUsage() (user + system) of the bench process around the handler invocations only, divided by the events; dynalite and kinesalite ran in a child process; one warm-up round over the first 10 batches, then the median of the rounds. beforeStore: the same handler over a writer that keeps the shard state in memory and writes nothing (decode, parse, aggregate)',
      microsPerEvent: writes.cpuMicrosPerEvent.median,
      rounds: writes.cpuMicrosPerEvent.rounds,
      beforeStoreMicrosPerEvent: writes.beforeStoreCpuMicrosPerEvent.median,
      beforeStoreRounds: writes.beforeStoreCpuMicrosPerEvent.rounds,
    },
    endToEnd: {
      method: 'the local stack as `snowline up` runs it (kinesalite and dynalite on disk, the event-source-mapping runner with DEFAULT_EVENT_SOURCE and the report handler, all in this process); events put as fast as PutRecords takes them, timed from the first put until the runner has processed every record',
      ...endToEnd,
    },
    freshness: {
      method: `events stamped with the wall clock and put when due, gathered every ${PUT_TICK_MS} ms; GET /api/health polled every ${HEALTH_POLL_MS} ms; a put batch's freshness is from its PutRecords call to the first health answer whose reports.newest_event_time is at or past the batch's newest event time; p50/p99 by nearest rank over the batches`,
      settings: DEFAULT_EVENT_SOURCE,
      ...freshness,
    },
    targets: {
      fewerWritesThanNaive: { target: TARGETS.fewerWritesThanNaive, measured: writes.fewerWritesThanNaive, met: writesMet },
      freshnessP99Ms: {
        target: TARGETS.freshnessP99Ms,
        atRate: TARGETS.freshnessRate,
        measuredAtRate: options.rate,
        measured: freshness.p99Ms,
        met: freshnessMet && options.rate >= TARGETS.freshnessRate,
        ...(freshnessMet ? {} : { why: freshnessMiss(freshness, endToEnd.eventsPerSecond, options.rate) }),
      },
    },
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    loadAverage1m: { before: round2(loadBefore), after: round2(os.loadavg()[0]!) },
    durationSeconds: Math.round((performance.now() - began) / 1000),
  };
}

/** Why the freshness target was missed, from the figures of this run; the settings are left as they run. */
function freshnessMiss(freshness: FreshnessResult, endToEndRate: number, rate: number): string {
  const { batchSize, maximumBatchingWindowInSeconds } = DEFAULT_EVENT_SOURCE;
  const { invocations } = freshness;
  return [
    freshness.unseenBatches > 0 ? `${freshness.unseenBatches} put batches never showed within the drain time` : `p99 ${freshness.p99Ms} ms is over ${TARGETS.freshnessP99Ms} ms`,
    `a record waits for its shard's batch (${batchSize} records or the ${maximumBatchingWindowInSeconds} s batching window of DEFAULT_EVENT_SOURCE, and the invocation before it): the oldest record of a batch had waited ${invocations.oldestRecordAgeP50Ms} ms at p50, ${invocations.oldestRecordAgeP99Ms} ms at p99`,
    `then the invocation: ${invocations.durationP50Ms} ms at p50, ${invocations.durationP99Ms} ms at p99`,
    `then up to ${HEALTH_POLL_MS} ms until the next health poll`,
    `the local stack (kinesalite, dynalite, the runner, the handler, the producer) is one Node process; it took ${endToEndRate} events/s end to end in this run, against ${rate}/s offered here` +
      (endToEndRate < rate * 1.5 ? ', little headroom' : ''),
  ].join('; ');
}

const round2 = (n: number) => Math.round(n * 100) / 100;
