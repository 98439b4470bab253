import type { ShopColumnType } from '../../schemas/shop';

/** The DuckDB type of each shop column type, as the DMS Parquet files carry it (timestamps UTC). */
export const DUCKDB_TYPES: Readonly<Record<ShopColumnType, string>> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  decimal: 'DECIMAL(12,2)',
  timestamp: 'TIMESTAMP',
  boolean: 'BOOLEAN',
};
