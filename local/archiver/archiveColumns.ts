import { ENRICHED_FIELDS, type EnrichedFieldName } from '../../schemas/enriched-event';
import type { FieldKind } from '../../schemas/enriched-event-fields';

/**
 * The DuckDB (and Parquet) type of each enriched-event field kind in the archive. The JSON fields
 * stay JSON text, as Snowplow's own lake loaders keep them when not shredding; integers are
 * 32-bit, as in Snowplow's atomic schema (Glue `int`).
 */
export const ARCHIVE_DUCKDB_TYPES: Readonly<Record<FieldKind, string>> = {
  string: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  integer: 'INTEGER',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  contexts: 'VARCHAR',
  unstruct: 'VARCHAR',
};

/** The archive's columns: every enriched-event field in TSV order, with its DuckDB type. */
export const ARCHIVE_COLUMNS: readonly { readonly name: EnrichedFieldName; readonly duckDbType: string }[] = ENRICHED_FIELDS.map((f) => ({
  name: f.name,
  duckDbType: ARCHIVE_DUCKDB_TYPES[f.kind],
}));
