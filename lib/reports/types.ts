import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { Granularity, ReportName } from './definitions';
import type { HyperLogLog } from './HyperLogLog';

/** The fields of an enriched event the reports read (any typed event, parsed or generated, has them). */
export type ReportEvent = Pick<
  EnrichedEvent,
  | 'event_id'
  | 'event_name'
  | 'derived_tstamp'
  | 'collector_tstamp'
  | 'page_urlpath'
  | 'domain_userid'
  | 'domain_sessionid'
  | 'tr_total'
  | 'tr_currency'
  | 'refr_medium'
  | 'refr_source'
  | 'geo_country'
>;

/** One Kinesis record of a batch, with the events of its lines that parsed (bad lines left out). */
export interface BatchRecord {
  /** The record's sequence number, as Kinesis gives it. */
  readonly sequenceNumber: string;
  /** Its events in line order. */
  readonly events: readonly ReportEvent[];
}

/** The key of an item of the reports table. */
export interface ItemKey {
  /** `<report>#<granularity>`, or a special partition (see `SPECIAL_PARTITIONS`). */
  readonly pk: string;
  /** `<window start ISO>#<bucket>`, or a shard id for the state. */
  readonly sk: string;
}

/** What a shard has processed, kept in its state item. */
export interface ShardState {
  /** The padded sequence number up to which the shard is fully counted, or null before its first batch. */
  readonly highWaterMark: string | null;
  /** Fingerprints (see `fingerprint`) of the shard's most recent events at or below the mark, oldest first. */
  readonly fingerprints: readonly number[];
  /** The newest event time the shard has seen at or below the mark, epoch ms, or null. */
  readonly newestEventTimeMs: number | null;
}

/** One record's (or part of a record's) additions to one counter item. */
export interface Contribution {
  /** The position (see `linePosition`) of the last line it covers. */
  readonly position: string;
  /** The record's sequence number as Kinesis gave it: what is reported when it fails. */
  readonly sequenceNumber: string;
  /** Amounts by dimension value (counts, or sums in units of 10^-scale). */
  readonly deltas: ReadonlyMap<string, number>;
}

/** The additions of a batch to one counter item, by record, in position order. */
export interface CounterItemPlan extends ItemKey {
  /** The report (or `late_events`). */
  readonly report: ReportName | 'late_events';
  readonly granularity: Granularity;
  /** The window start, epoch ms. */
  readonly windowStartMs: number;
  /** Decimal places of the amounts: 0 for counts, 6 for sums (micro-units). */
  readonly scale: number;
  /** The DynamoDB TTL, epoch seconds, or undefined to keep the item. */
  readonly ttl: number | undefined;
  readonly contributions: readonly Contribution[];
}

/** The sketch of a batch for one distinct-count item. */
export interface SketchItemPlan extends ItemKey {
  readonly report: ReportName;
  readonly granularity: Granularity;
  readonly windowStartMs: number;
  readonly ttl: number | undefined;
  /** The batch's values, to be merged into the stored sketch. */
  readonly sketch: HyperLogLog;
  /** The lowest sequence number that added to it: what is reported when it fails. */
  readonly sequenceNumber: string;
  /** The same, padded. */
  readonly paddedSequenceNumber: string;
}

/** What the aggregation decided about one record above the shard's high-water mark. */
export interface RecordOutcome {
  readonly sequenceNumber: string;
  readonly paddedSequenceNumber: string;
  /** Fingerprints of its events that were not duplicates, in line order. */
  readonly fingerprints: readonly number[];
  /** The shard's newest event time once this record is counted. */
  readonly newestEventTimeMs: number | null;
}
