import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CURRENT_PREFIX, DMS_COLUMNS, MERGE_INPUTS, RAW_PREFIX, renderMergeSql } from '../../lib/catalog';
import { replacePlaceholders } from '../../lib/queries';
import { SHOP_SCHEMA, SHOP_TABLES, type ShopTable } from '../../schemas/shop';
import { CURRENT_DATA_FILE, MERGE_SQL_TEMPLATE, STALE_TEMP_FILE_MS, TEMP_FILE_PREFIX } from './constants';
import { DUCKDB_TYPES } from './duckDbTypes';
import { TableMergeFailedError, UnknownLakeTableError } from './errors';
import type { MergeLakeOptions, MergeLakeResult, TableMergeResult } from './types';

/** A SQL string literal. */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * Merges the raw DMS files of the local lake into its current-state tables with DuckDB, running
 * the same SQL the Glue job runs (`glue-jobs/merge.sql`, filled for the table by `renderMergeSql`):
 * `<lakeDir>/raw/shop/public/<table>/*.parquet` into `<lakeDir>/current/<table>/data.parquet`.
 *
 * Each run reads every raw file (a full recompute of the winners, merged into the stored rows), so
 * nothing tracks which files were merged: replays, late files and a second run change nothing.
 * The new state is written to a temporary file and renamed over the old one, so a crash leaves
 * the previous state; a table whose merge changes nothing keeps its file.
 *
 * @throws UnknownLakeTableError when `tables` names a table the shop does not have (nothing merged).
 * @throws TableMergeFailedError naming the table whose raw files could not be merged (its state unchanged).
 * @example
 * ```ts
 * const { tables } = await mergeLake({ lakeDir: '.snowline/lake' });
 * // [{ name: 'customers', changesRead: 812, rowsWritten: 800, ms: 41 }, ...]
 * ```
 */
export async function mergeLake(options: MergeLakeOptions): Promise<MergeLakeResult> {
  const declared = options.shopTables ?? SHOP_TABLES;
  const names = options.tables ?? declared.map((t) => t.name);
  const tables = names.map((name) => {
    const table = declared.find((t) => t.name === name);
    if (table === undefined) throw new UnknownLakeTableError(name, declared.map((t) => t.name));
    return table;
  });
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 1) });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const results: TableMergeResult[] = [];
    for (const table of tables) results.push(await mergeTable(connection, table, options));
    return { tables: results };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function mergeTable(connection: DuckDBConnection, table: ShopTable, options: MergeLakeOptions): Promise<TableMergeResult> {
  const began = performance.now();
  const rawFiles = await parquetFiles(join(options.lakeDir, RAW_PREFIX, SHOP_SCHEMA, table.name));
  const currentDir = join(options.lakeDir, CURRENT_PREFIX, table.name);
  const dataFile = join(currentDir, CURRENT_DATA_FILE);
  const done = (changesRead: number, rowsWritten: number): TableMergeResult => ({
    name: table.name,
    changesRead,
    rowsWritten,
    ms: Math.round(performance.now() - began),
  });
  if (rawFiles.length === 0) return done(0, 0);
  await mkdir(currentDir, { recursive: true });
  await removeStaleTempFiles(currentDir);

  const current = `current_${table.name}`;
  const changes = `changes_${table.name}`;
  const stored = [...table.columns.map((c) => c.name), DMS_COLUMNS.commitTimestamp, DMS_COLUMNS.changeSequence];
  const hadData = await exists(dataFile);
  let changesRead: number;
  let changed: number;
  try {
    await connection.run(`DROP TABLE IF EXISTS ${current}; DROP VIEW IF EXISTS ${changes}`);
    const columns = table.columns.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}`);
    await connection.run(`CREATE TEMP TABLE ${current} (${[...columns, `${DMS_COLUMNS.commitTimestamp} TIMESTAMP`, `${DMS_COLUMNS.changeSequence} VARCHAR`].join(', ')})`);
    if (hadData) await connection.run(`INSERT INTO ${current} SELECT ${stored.join(', ')} FROM read_parquet(${literal(dataFile)})`);
    const casts = [
      `CAST(${DMS_COLUMNS.op} AS VARCHAR) AS ${DMS_COLUMNS.op}`,
      `CAST(${DMS_COLUMNS.commitTimestamp} AS TIMESTAMP) AS ${DMS_COLUMNS.commitTimestamp}`,
      `CAST(${DMS_COLUMNS.changeSequence} AS VARCHAR) AS ${DMS_COLUMNS.changeSequence}`,
      ...table.columns.map((c) => `CAST(${c.name} AS ${DUCKDB_TYPES[c.type]}) AS ${c.name}`),
    ];
    const files = `[${rawFiles.map(literal).join(', ')}]`;
    // A view, not a table: the merge streams the files once; the count comes from their footers.
    await connection.run(`CREATE TEMP VIEW ${changes} AS SELECT ${casts.join(', ')} FROM read_parquet(${files}, union_by_name = true)`);
    changesRead = await count(connection, `read_parquet(${files}, union_by_name = true)`);
    const sql = replacePlaceholders(renderMergeSql(await readFile(MERGE_SQL_TEMPLATE, 'utf8'), table), (name) =>
      name === MERGE_INPUTS.changes ? changes : name === MERGE_INPUTS.current ? current : `{{${name}}}`,
    );
    changed = Number((await connection.run(sql)).rowsChanged);
  } catch (error) {
    throw new TableMergeFailedError(table.name, (error as Error).message, { cause: error });
  }
  if (changed === 0 && hadData) return done(changesRead, 0);

  const temp = join(currentDir, `${TEMP_FILE_PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    await connection.run(`COPY (SELECT ${stored.join(', ')} FROM ${current} ORDER BY ${table.primaryKey.join(', ')}) TO ${literal(temp)} (FORMAT parquet, COMPRESSION zstd)`);
    const rowsWritten = await count(connection, current);
    // The bytes reach the disk before the rename makes them the table, so a power cut cannot
    // leave a renamed but empty file.
    const handle = await open(temp, 'r');
    await handle.sync();
    await handle.close();
    await options.beforeCommit?.(table.name, temp);
    await rename(temp, dataFile);
    return done(changesRead, rowsWritten);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof TableMergeFailedError) throw error;
    throw new TableMergeFailedError(table.name, (error as Error).message, { cause: error });
  }
}

/** The `.parquet` files of a folder, sorted by name (none when it does not exist). */
async function parquetFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.parquet')).map((e) => join(dir, e.name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function count(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return Number(reader.getRows()[0]![0]);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Temporary files of a killed merge; a live merge's file is younger than {@link STALE_TEMP_FILE_MS}. */
async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(TEMP_FILE_PREFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > STALE_TEMP_FILE_MS) await rm(path, { force: true });
  }
}
