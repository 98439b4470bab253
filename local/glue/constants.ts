/** Fixed names and defaults of the local Glue merge. */
import { fileURLToPath } from 'node:url';

/** The merge SQL template, the one the Glue job runs (filled per table by `renderMergeSql`). */
export const MERGE_SQL_TEMPLATE = fileURLToPath(new URL('../../glue-jobs/merge.sql', import.meta.url));

/** The one Parquet file of a current-state table: `current/<table>/data.parquet`. */
export const CURRENT_DATA_FILE = 'data.parquet';

/**
 * The merge's own state beside a table's file: `current/<table>/_merge/` holds `manifest.json`
 * (the raw files merged, by name and size) and `tombstones.parquet` (the latest delete of each
 * key that is not live). A folder, so a reader's `current/<table>/*.parquet` never sees them.
 */
export const MERGE_STATE = { dir: '_merge', manifest: 'manifest.json', tombstones: 'tombstones.parquet' } as const;

/**
 * The lake's record of the key its shop tables were pseudonymised with:
 * `current/_merge/key-check.json` holds the pseudonym of {@link KEY_CHECK_VALUE} under that key
 * (not the key: a keyed hash of a fixed text, which confirms a key but cannot give it back). A
 * merge with another key would give every customer a second pseudonym, so it is refused.
 */
export const KEY_CHECK = { dir: '_merge', file: 'key-check.json' } as const;

/** Where an older replicator wrote the DMS files, inside the lake (`<lake>/raw/`): named in the error that asks to remove it. */
export const LEGACY_RAW_DIR = 'raw';

/** The fixed text whose pseudonym {@link KEY_CHECK} records. */
export const KEY_CHECK_VALUE = 'snowline:lake-key-check';

/** Temporary files start with this (and never end in `.parquet`), so no reader's glob sees them. */
export const TEMP_FILE_PREFIX = '.data.parquet.tmp-';

/** A temporary file older than this was left by a killed merge and is removed, in ms. */
export const STALE_TEMP_FILE_MS = 10 * 60_000;

/** How often `snowline up` runs the merge while the lake has raw files (Glue's trigger on AWS), in seconds. */
export const DEFAULT_MERGE_INTERVAL_SECONDS = 30;
