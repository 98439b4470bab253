/** Types of the query translation. */

/** Where a query input lives on AWS: a table of the Glue Data Catalog, as Athena names it. */
export interface AthenaTable {
  /** The Glue database, e.g. `sagemaker_featurestore`. */
  readonly database: string;
  /** The table, e.g. `user_activity_1763812800`. */
  readonly table: string;
}

/** Where a query input lives locally: Parquet files DuckDB reads. */
export interface ParquetSource {
  /** A file, or a glob such as `<group folder>/data/*\/*\/*\/*\/*.parquet`. */
  readonly parquet: string;
  /**
   * Read `key=value` folders as columns (the `year=/month=/day=/hour=` of the offline store), as
   * Athena's partition columns. @default true
   */
  readonly hivePartitioning?: boolean;
}

/** A query translated for DuckDB: statements to run first, then the query itself. */
export interface DuckDbQuery {
  /** Set-up statements (the dialect shims of {@link DUCKDB_PRELUDE}), run in order before `sql`. */
  readonly setup: readonly string[];
  /** The query, with its inputs replaced by `read_parquet(...)`. */
  readonly sql: string;
}
