/**
 * Builders for the merge tests: raw DMS Parquet files written by DuckDB in the lake contract's
 * exact layout (`Op`, `dms_commit_ts`, `dms_change_seq`, then the table's columns) in a data
 * dir's landing zone, and a reader of a current-state table of its lake. A test's data dir is laid
 * out as `snowline up`'s: `landing/`, `lake/` and `pseudonymisation.key`.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CURRENT_PREFIX, LANDING_PREFIX } from '../../../lib/catalog';
import { FileKeyProvider, Pseudonymiser } from '../../../lib/privacy';
import { CURRENT_DATA_FILE, DUCKDB_TYPES } from '../../../local/glue';
import type { MergeLakeOptions } from '../../../local/glue';
import { DATA_DIR_LAYOUT } from '../../../local/up/constants';
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

/** The raw folder of a table: `<dataDir>/landing/shop/public/<table>/`. */
export function rawDir(dataDir: string, table: string): string {
  return join(dataDir, DATA_DIR_LAYOUT.landing, LANDING_PREFIX, SHOP_SCHEMA, table);
}

/** The landing zone, lake and key file of a data dir, as `mergeLake` takes them. */
export function mergeOptions(dataDir: string): Pick<MergeLakeOptions, 'landingDir' | 'lakeDir' | 'keyFile'> {
  return { landingDir: join(dataDir, DATA_DIR_LAYOUT.landing), lakeDir: join(dataDir, DATA_DIR_LAYOUT.lake), keyFile: join(dataDir, DATA_DIR_LAYOUT.pseudonymisationKey) };
}

/** The pseudonymiser of a data dir's key file (the merge generates the file on its first run). */
export async function pseudonymiserOf(dataDir: string): Promise<Pseudonymiser> {
  return Pseudonymiser.fromProvider(new FileKeyProvider({ file: mergeOptions(dataDir).keyFile, create: false }));
}

/** A copy of `values` with each personal column of `table` (schemas/shop.ts) hashed by `pseudonymiser`, as the merge writes it. */
export function pseudonymised<T extends Readonly<Record<string, unknown>>>(table: ShopTable, values: T, pseudonymiser: Pseudonymiser): T {
  const out: Record<string, unknown> = { ...values };
  for (const column of table.columns) if (column.personal === true && typeof out[column.name] === 'string') out[column.name] = pseudonymiser.hash(out[column.name] as string);
  return out as T;
}

/** Writes `changes` as one DMS Parquet file named `fileName` in the table's raw folder. */
export async function writeDmsFile(connection: DuckDBConnection, dataDir: string, table: ShopTable, fileName: string, changes: readonly Change[]): Promise<string> {
  const path = join(rawDir(dataDir, table.name), fileName);
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
export async function readCurrent(connection: DuckDBConnection, dataDir: string, table: ShopTable): Promise<Record<string, unknown>[]> {
  const file = join(dataDir, DATA_DIR_LAYOUT.lake, CURRENT_PREFIX, table.name, CURRENT_DATA_FILE);
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY ${table.primaryKey.join(', ')}`);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } catch (error) {
    if (/No files found|does not exist/i.test((error as Error).message)) return [];
    throw error;
  }
}
