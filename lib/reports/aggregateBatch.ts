import { eventTime } from '../snowplow/eventTime';
import { DEFAULT_ALLOWED_LATENESS_MS, DEFAULT_FINGERPRINT_CAPACITY, DEFAULT_MINUTE_TTL_SECONDS, MAX_DIMENSIONS_PER_UPDATE, SPECIAL_PARTITIONS } from './constants';
import { GRANULARITIES, REPORTS, type Granularity, type ReportName } from './definitions';
import { SUM_SCALE } from './decimalAmount';
import { MissingEventTimeError } from './errors';
import { fingerprint } from './hashString';
import { HyperLogLog } from './HyperLogLog';
import { bucketOf, reportPartitionKey, windowSortKey } from './itemKeys';
import { measureEvent } from './measureEvent';
import { linePosition, padSequenceNumber } from './sequencePosition';
import type { BatchRecord, Contribution, CounterItemPlan, RecordOutcome, ShardState, SketchItemPlan } from './types';
import { windowStart } from './windowStart';

/** Options of {@link aggregateBatch}. */
export interface AggregationOptions {
  /** How far behind the shard's newest event time an event may be and still count in its window. @default 24 hours */
  readonly allowedLatenessMs?: number;
  /** TTL of minute items after their window starts. @default 7 days */
  readonly minuteTtlSeconds?: number;
  /** Fingerprints a shard's state keeps (see `advanceShardState`). @default 8192 */
  readonly fingerprintCapacity?: number;
}

/** A batch of one shard, aggregated: one plan per touched item, and what each record did. */
export interface BatchPlan {
  /** The shard state the batch was aggregated against. */
  readonly baseState: ShardState;
  /** Count and sum items, each with its contributions by record in position order. */
  readonly counters: readonly CounterItemPlan[];
  /** Distinct-count items, each with the batch's sketch. */
  readonly sketches: readonly SketchItemPlan[];
  /** The records above the shard's high-water mark, in sequence order. */
  readonly records: readonly RecordOutcome[];
  /** Records at or below the high-water mark: already counted, skipped whole. */
  readonly skippedRecords: number;
  /** Events of the records above the mark. */
  readonly events: number;
  /** Events counted in their windows. */
  readonly counted: number;
  /** Events dropped as duplicates (an `event_id` already seen in the batch or the shard's state). */
  readonly duplicates: number;
  /** Events counted in `late_events` instead of their windows. */
  readonly late: number;
  /** The newest event time counted in a window, epoch ms, or null. */
  readonly newestEventTimeMs: number | null;
  /** The options used, defaults filled in. */
  readonly options: Required<AggregationOptions>;
}

interface CounterAccumulator extends Omit<CounterItemPlan, 'contributions'> {
  readonly contributions: { position: string; sequenceNumber: string; padded: string; deltas: Map<string, number> }[];
}

const MINUTE_TTL_GRANULARITY: Granularity = 'minute';

/** Fills in the defaults of {@link AggregationOptions}. */
export function resolveAggregationOptions(options: AggregationOptions = {}): Required<AggregationOptions> {
  return {
    allowedLatenessMs: options.allowedLatenessMs ?? DEFAULT_ALLOWED_LATENESS_MS,
    minuteTtlSeconds: options.minuteTtlSeconds ?? DEFAULT_MINUTE_TTL_SECONDS,
    fingerprintCapacity: options.fingerprintCapacity ?? DEFAULT_FINGERPRINT_CAPACITY,
  };
}

/**
 * Aggregates one shard's batch in memory against the shard's state, so that the store makes one
 * write per touched item: records at or below the high-water mark are skipped; an event whose
 * `event_id` was seen (earlier in the batch, or among the state's fingerprints) is a duplicate;
 * an event older than the allowed lateness behind the newest event time seen so far goes to
 * `late_events`; every other event adds to its minute and hour windows. Each counter item keeps
 * its additions per record (the store needs them to skip what an earlier attempt wrote).
 *
 * Pure and deterministic: the same records and state give the same plan, which is what makes a
 * replay classify every event the same way.
 *
 * @throws MissingEventTimeError for an event with neither `derived_tstamp` nor `collector_tstamp` (filter those out as bad rows first).
 */
export function aggregateBatch(records: readonly BatchRecord[], state: ShardState, options: AggregationOptions = {}): BatchPlan {
  const o = resolveAggregationOptions(options);
  const seen = new Set(state.fingerprints);
  const counters = new Map<string, CounterAccumulator>();
  const sketches = new Map<string, SketchItemPlan>();
  const outcomes: RecordOutcome[] = [];
  let newest = state.newestEventTimeMs;
  let newestCounted: number | null = null;
  let skippedRecords = 0;
  let events = 0;
  let duplicates = 0;
  let late = 0;

  const sorted = records.map((r) => ({ record: r, padded: padSequenceNumber(r.sequenceNumber) })).sort((a, b) => (a.padded < b.padded ? -1 : a.padded > b.padded ? 1 : 0));
  for (const { record, padded } of sorted) {
    if (state.highWaterMark !== null && padded <= state.highWaterMark) {
      skippedRecords++;
      continue;
    }
    const fingerprints: number[] = [];
    record.events.forEach((event, line) => {
      events++;
      if (event.event_id !== null) {
        const f = fingerprint(event.event_id);
        if (seen.has(f)) {
          duplicates++;
          return;
        }
        seen.add(f);
        fingerprints.push(f);
      }
      const time = eventTime(event);
      if (time === null) throw new MissingEventTimeError(event.event_id, record.sequenceNumber);
      const position = linePosition(padded, line);
      const contribute = (key: Omit<CounterItemPlan, 'contributions'>, dimension: string, amount: number) => {
        const id = `${key.pk}\n${key.sk}`;
        let item = counters.get(id);
        if (item === undefined) counters.set(id, (item = { ...key, contributions: [] }));
        const last = item.contributions[item.contributions.length - 1];
        if (last !== undefined && last.padded === padded && (last.deltas.has(dimension) || last.deltas.size < MAX_DIMENSIONS_PER_UPDATE)) {
          last.position = position;
          last.deltas.set(dimension, (last.deltas.get(dimension) ?? 0) + amount);
        } else {
          item.contributions.push({ position, sequenceNumber: record.sequenceNumber, padded, deltas: new Map([[dimension, amount]]) });
        }
      };
      if (newest !== null && time < newest - o.allowedLatenessMs) {
        late++;
        const hour = windowStart(time, 'hour');
        const key = { pk: SPECIAL_PARTITIONS.lateEvents, sk: windowSortKey(hour, 0), report: SPECIAL_PARTITIONS.lateEvents, granularity: 'hour', windowStartMs: hour, scale: 0, ttl: undefined } as const;
        contribute(key, event.event_name ?? '', 1);
        return;
      }
      newest = newest === null || time > newest ? time : newest;
      newestCounted = newestCounted === null || time > newestCounted ? time : newestCounted;
      const measured = measureEvent(event);
      for (const granularity of GRANULARITIES) {
        const start = windowStart(time, granularity);
        const ttl = granularity === MINUTE_TTL_GRANULARITY ? Math.floor(start / 1000) + o.minuteTtlSeconds : undefined;
        for (const m of measured.counts) {
          const bucket = bucketOf(m.report, m.dimension);
          const scale = REPORTS[m.report].measure === 'sum' ? SUM_SCALE : 0;
          const key = { pk: reportPartitionKey(m.report, granularity), sk: windowSortKey(start, bucket), report: m.report, granularity, windowStartMs: start, scale, ttl };
          contribute(key, m.dimension, m.amount);
        }
        for (const d of measured.distinct) {
          const pk = reportPartitionKey(d.report, granularity);
          const sk = windowSortKey(start, 0);
          const id = `${pk}\n${sk}`;
          let item = sketches.get(id);
          if (item === undefined) {
            item = { pk, sk, report: d.report as ReportName, granularity, windowStartMs: start, ttl, sketch: new HyperLogLog(), sequenceNumber: record.sequenceNumber, paddedSequenceNumber: padded };
            sketches.set(id, item);
          }
          item.sketch.add(d.value);
        }
      }
    });
    outcomes.push({ sequenceNumber: record.sequenceNumber, paddedSequenceNumber: padded, fingerprints, newestEventTimeMs: newest });
  }

  const counterPlans: CounterItemPlan[] = [...counters.values()].map((c) => ({
    ...c,
    contributions: c.contributions.map((x): Contribution => ({ position: x.position, sequenceNumber: x.sequenceNumber, deltas: x.deltas })),
  }));
  return {
    baseState: state,
    counters: counterPlans,
    sketches: [...sketches.values()],
    records: outcomes,
    skippedRecords,
    events,
    counted: events - duplicates - late,
    duplicates,
    late,
    newestEventTimeMs: newestCounted,
    options: o,
  };
}
