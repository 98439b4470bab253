/** The analysts' queries of `queries/`: filled in for Athena, translated for DuckDB. */
export { toAthena } from './toAthena';
export { toDuckDb } from './toDuckDb';
export { DUCKDB_PRELUDE } from './duckDbPrelude';
export { runDuckDbQuery, runDuckDbQueryTable } from './runDuckDbQuery';
export { runLakeQuery } from './runLakeQuery';
export { offlineStoreFiles } from './offlineStoreFiles';
export { lakeSources, type LakeInput } from './lakeSources';
export { placeholdersOf, replacePlaceholders, PLACEHOLDER_NAME } from './placeholders';
export type { AthenaTable, DuckDbQuery, ParquetSource } from './types';
export { InvalidQuerySourceError, MissingLakeDataError, MissingQueryInputError, QueryError } from './errors';
