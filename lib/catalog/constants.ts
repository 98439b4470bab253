/** Fixed names of the lake's Glue catalog and S3 layout, the same on AWS and in the local lake. */

/** The Glue database of the lake (raw DMS files, current-state tables, the events archive). */
export const LAKE_DATABASE = 'snowline_lake';

/** DMS's S3 target folder (`BucketFolder`): raw files land under `<prefix>/<schema>/<table>/`. */
export const RAW_PREFIX = 'raw/shop';

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
 * The name of a shop table's raw (DMS) and current-state Glue tables.
 *
 * @example
 * ```ts
 * GLUE_TABLE_NAMES.raw('orders'); // 'raw_orders'
 * GLUE_TABLE_NAMES.current('orders'); // 'orders'
 * ```
 */
export const GLUE_TABLE_NAMES = {
  raw: (table: string): string => `raw_${table}`,
  current: (table: string): string => table,
  events: 'events',
} as const;
