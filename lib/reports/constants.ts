/**
 * Constants of the real-time reports: sketch size, defaults of the exactly-once protocol and the
 * key layout of the reports table. Pure data, shared by the aggregation and the stores.
 */

/** HyperLogLog precision: 2^14 registers, a standard error of 1.04 / sqrt(2^14), about 0.8%. */
export const HLL_PRECISION = 14;

/**
 * A HyperLogLog keeps the hashes themselves (5 bytes each) up to this many distinct values, so
 * small counts are exact; beyond, its 2^14 registers (16 KiB). 3,000 hashes are 15 KB.
 */
export const HLL_SPARSE_LIMIT = 3000;

/** How far behind the newest event time a shard has seen an event may be and still count in its window. @default 24 hours */
export const DEFAULT_ALLOWED_LATENESS_MS = 24 * 60 * 60 * 1000;

/** How long minute items live after their window starts (DynamoDB TTL). @default 7 days */
export const DEFAULT_MINUTE_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * How many event fingerprints a shard's state keeps for duplicate detection: the most recent
 * events at or below its high-water mark. 8192 fingerprints of 8 bytes make a 64 KiB attribute.
 * @default 8192
 */
export const DEFAULT_FINGERPRINT_CAPACITY = 8192;

/** Kinesis sequence numbers are zero-padded to this many digits so that strings compare as numbers. */
export const SEQUENCE_WIDTH = 64;

/** The line of a record (a record may hold many events) is appended with this many digits to make a position. */
export const LINE_WIDTH = 6;

/**
 * The most dimension values one UpdateItem adds to: each costs about 16 bytes of expression
 * (`#a12 :a12, `), so 100 stay far below DynamoDB's 4 KB expression limit.
 */
export const MAX_DIMENSIONS_PER_UPDATE = 100;

/** Prefixes of the attributes of a report item: `d:<dimension value>` (a count or sum), `h:<shardId>` (a high-water mark). */
export const ATTRIBUTE_PREFIX = { dimension: 'd:', mark: 'h:' } as const;

/** The partition keys that are not reports. */
export const SPECIAL_PARTITIONS = {
  /** `pk = "state", sk = "<shardId>"`: a shard's high-water mark, fingerprints and newest event time. */
  state: 'state',
  /** `pk = "meta", sk = "freshness"`: the newest event time counted and when. */
  meta: 'meta',
  /** `pk = "late_events", sk = "<hour of the event ISO>#0"`: events too late for their window, by event_name. */
  lateEvents: 'late_events',
} as const;

/** The sort key of the freshness item. */
export const FRESHNESS_SORT_KEY = 'freshness';
