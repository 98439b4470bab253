/** Where `snowline train` finds the lake under a data dir (as `snowline up` and the archiver write it). */
export const LAKE_LAYOUT = {
  /** The Feature Store offline store's root (the local S3Uri). */
  featureStore: 'lake/feature-store',
  /** The events archive: `date=YYYY-MM-DD/*.parquet`. */
  events: 'lake/events',
} as const;

/** How generated traffic is cut into batches, as the event source mapping cuts the stream (DEFAULT_EVENT_SOURCE). */
export const GENERATED_BATCH = {
  /** The batching window, ms. */
  windowMs: 1_000,
  /** The batch size. */
  maxRecords: 500,
  /** From the batch's last record to its PutRecords (their API invocation time), ms. */
  processingMs: 200,
} as const;

/** Generated lines when `snowline train` generates its own data. @default 200,000 */
export const DEFAULT_GENERATED_EVENTS = 200_000;

/** The Python that has xgboost 1.7 (Debian's python3-xgboost), not whatever `python3` is on PATH. @default /usr/bin/python3 */
export const DEFAULT_PYTHON = '/usr/bin/python3';
