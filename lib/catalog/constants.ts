/** Fixed names of the lake's Glue catalog and S3 layout, the same on AWS and in the local lake. */

/** The Glue database of the lake (current-state tables, the events archive). */
export const LAKE_DATABASE = 'snowline_lake';

/**
 * DMS's S3 target folder (`BucketFolder`) in the landing zone, not in the lake: DMS cannot
 * pseudonymise, so its raw files land under `<landing>/<prefix>/<schema>/<table>/` (the landing
 * bucket on AWS, `<dataDir>/landing/` locally), where only the merge reads them.
 */
export const LANDING_PREFIX = 'shop';

/**
 * The SQL function each merge engine registers before it reads the landing zone: the keyed hash
 * of a personal value (`Pseudonymiser.hash`, HMAC-SHA256 as 64 lower-case hex), `NULL` for `NULL`.
 * A PySpark UDF on Glue, a DuckDB scalar function locally.
 */
export const PSEUDONYM_FUNCTION = 'snowline_pseudonym';

/** Where the merged current-state tables live: `<prefix>/<table>/`. */
export const CURRENT_PREFIX = 'current';

/** Where the enriched-events archive lives: `<prefix>/date=YYYY-MM-DD/`. */
export const EVENTS_PREFIX = 'events';

/**
 * The columns DMS puts before a table's own columns in each raw Parquet file, in file order:
 * the operation (`IncludeOpForFullLoad`), the commit time (`TimestampColumnName`) and the change
 * sequence (a transformation rule adding `$AR_H_CHANGE_SEQ`).
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html#CHAP_Target.S3.Configuring.InsertOps
 */
export const DMS_COLUMNS = {
  op: 'Op',
  commitTimestamp: 'dms_commit_ts',
  changeSequence: 'dms_change_seq',
} as const;

/** The length of `$AR_H_CHANGE_SEQ`: 35 digits, zero-padded, sorting in commit order. */
export const CHANGE_SEQUENCE_LENGTH = 35;

/**
 * The name of a shop table's current-state Glue table and of the events table. The raw DMS files
 * have no Glue table: they hold personal values in clear and stay in the landing zone.
 *
 * @example
 * ```ts
 * GLUE_TABLE_NAMES.current('orders'); // 'orders'
 * ```
 */
export const GLUE_TABLE_NAMES = {
  current: (table: string): string => table,
  events: 'events',
} as const;
