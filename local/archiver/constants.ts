/** Defaults of the local events archiver. */

/**
 * Firehose-like buffering: a file is written when the staged events reach `maxBytes` or the
 * oldest is `intervalMs` old, whichever comes first. Firehose with Parquet conversion buffers
 * 64 MiB (its minimum with conversion) and 60 to 900 s; locally the size is the same and the
 * interval its lowest, so a new user sees the archive fill within a minute of `npm start`.
 *
 * @see https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html
 */
export const DEFAULT_ARCHIVE_BUFFER = { maxBytes: 64 * 1024 * 1024, intervalMs: 60_000 } as const;

/** How often the archiver looks whether the buffer's interval has passed. */
export const FLUSH_CHECK_INTERVAL_MS = 1_000;

/** The archive's folder under the lake root (the S3 prefix on AWS). */
export const EVENTS_PREFIX = 'events';

/** The name of the archiver's event source mapping (its checkpoints under `<dataDir>/esm/`). */
export const ARCHIVER_CONSUMER_NAME = 'archiver';

/** Archive files are named `<prefix>-<yyyy-MM-dd-HH-mm-ss>-<segment id>.parquet`, as Firehose names its objects. */
export const ARCHIVE_FILE_PREFIX = 'snowline-events-1';
