/** The Glue job locally: the merge SQL of `glue-jobs/merge.sql` run by DuckDB over the local lake. */
export { mergeLake } from './mergeLake';
export { startLakeMerger, type LakeMerger, type LakeMergerOptions } from './startLakeMerger';
export { DUCKDB_TYPES } from './duckDbTypes';
export { keyCheckPath, loadLakeKey } from './loadLakeKey';
export { registerPseudonymFunction } from './registerPseudonymFunction';
export { CURRENT_DATA_FILE, DEFAULT_MERGE_INTERVAL_SECONDS, KEY_CHECK, KEY_CHECK_VALUE, MERGE_SQL_TEMPLATE } from './constants';
export { LakeMergeError, TableMergeFailedError, UnknownLakeTableError } from './errors';
export type { MergeLakeOptions, MergeLakeResult, TableMergeResult } from './types';
