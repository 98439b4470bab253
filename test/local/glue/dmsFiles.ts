/**
 * Builders for the merge tests: raw DMS Parquet files written by DuckDB in the lake contract's
 * exact layout (`Op`, `dms_commit_ts`, `dms_change_seq`, then the table's columns), and a reader
 * of a current-state table.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CURRENT_PREFIX, RAW_PREFIX } from '../../../lib/catalog';
import { CURRENT_DATA_FILE, DUCKDB_TYPES } from '../../../local/glue';
import { SHOP_SCHEMA, type ShopTable } from '../../../schemas/shop';

/** One raw change: the DMS columns and the table's values (text, numbers, booleans, or null). */
export interface Change {
  readonly op: 'I' | 'U' | 'D';
  /** `YYYY-MM-DD hh:mm:ss.ffffff`, UTC. */
  readonly commitTs: string;
  /** The change sequence number, padded to 35 digits in the file. */
  readonly seq: number;
  readonly values: Readonly<Record<string, string | number | boolean | null>>;
}

const literal = (value: string | number | boolean | null): string =>
  value === null ? 'NULL' : typeof value === 'string' ? `'${value.replaceAll("'", "''")}'` : String(value);

/** A DuckDB connection for writing and reading test files; close it with `closeSync` on both. */
export async function openDuckDb(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return { instance, connection };
}

/** The raw folder of a table: `<lake>/raw/shop/public/<table>/`. */
export function rawDir(lakeDir: string, table: string): string {
  return join(lakeDir, RAW_PREFIX, SHOP_SCHEMA, table);
}

/** Writes `changes` as one DMS Parquet file named `fileName` in the table's raw folder. */
export async function writeDmsFile(connection: DuckDBConnection, lakeDir: string, table: ShopTable, fileName: string, changes: readonly Change[]): Promise<string> {
  const path = join(rawDir(lakeDir, table.name), fileName);
  await mkdir(dirname(path), { recursive: true });
  const columns = [
    'Op VARCHAR',
    'dms_commit_ts TIMESTAMP',
    'dms_change_seq VARCHAR',
    ...table.columns.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}`),
  ];
  const rows = changes.map(
    (change) =>
      `(${[
        literal(change.op),
        `TIMESTAMP '${change.commitTs}'`,
        literal(String(change.seq).padStart(35, '0')),
        ...table.columns.map((c) => {
          const value = change.values[c.name] ?? null;
          return c.type === 'timestamp' && value !== null ? `TIMESTAMP '${value}'` : literal(value);
        }),
      ].join(', ')})`,
  );
  const select = rows.length === 0 ? `SELECT * FROM (SELECT NULL) WHERE false` : `VALUES ${rows.join(', ')}`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE dms_file (${columns.join(', ')})`);
  if (rows.length > 0) await connection.run(`INSERT INTO dms_file ${select}`);
  await connection.run(`COPY dms_file TO '${path}' (FORMAT parquet)`);
  return path;
}

/** The rows of a table's current-state file as JSON values, ordered by primary key; [] when there is none. */
export async function readCurrent(connection: DuckDBConnection, lakeDir: string, table: ShopTable): Promise<Record<string, unknown>[]> {
  const file = join(lakeDir, CURRENT_PREFIX, table.name, CURRENT_DATA_FILE);
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY ${table.primaryKey.join(', ')}`);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } catch (error) {
    if (/No files found|does not exist/i.test((error as Error).message)) return [];
    throw error;
  }
}
