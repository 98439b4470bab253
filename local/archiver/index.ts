/** The local events archiver: the enriched stream to pseudonymised Parquet by collector date (Firehose on AWS). */
export { EventArchive } from './EventArchive';
export { createArchiveHandler, type ArchiveHandlerOptions } from './createArchiveHandler';
export { createLocalArchiver, type LocalArchiverHandler, type LocalArchiverOptions } from './createLocalArchiver';
export { ARCHIVE_COLUMNS, ARCHIVE_DUCKDB_TYPES } from './archiveColumns';
export { writeSegmentParquet } from './writeSegmentParquet';
export * from './constants';
export * from './errors';
export type * from './types';
