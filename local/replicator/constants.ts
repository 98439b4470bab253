/** Defaults and fixed names of the local DMS replicator. */

/** The logical replication slot it reads (DMS names its own slot after the task; one is enough here). */
export const DEFAULT_SLOT = 'snowline_dms';

/** The output plugin: the one DMS itself uses for a PostgreSQL source. */
export const OUTPUT_PLUGIN = 'test_decoding';

/**
 * How often the slot is read and new changes written, in ms. DMS batches CDC files by
 * `CdcMaxBatchInterval` (60 s by default) and `CdcMinFileSize`; locally a short interval keeps
 * the lake fresh while the demo runs.
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 1_000;

/**
 * At most this many decoded rows (BEGIN and COMMIT included) are read per slot read; decoding
 * always stops at the end of a transaction, so a batch holds whole transactions only.
 */
export const DEFAULT_MAX_CHANGES_PER_BATCH = 20_000;

/** Rows per full-load file: a larger table gets LOAD00000002.parquet and on. */
export const DEFAULT_ROWS_PER_LOAD_FILE = 100_000;

/** Rows fetched per round trip while the full load reads a table. */
export const LOAD_FETCH_SIZE = 10_000;
