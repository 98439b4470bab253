import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CURRENT_PREFIX, DMS_COLUMNS, LANDING_PREFIX, MERGE_INPUTS, pseudonymisedColumn, renderMergeSql } from '../../lib/catalog';
import { replacePlaceholders } from '../../lib/queries';
import { SHOP_SCHEMA, SHOP_TABLES, type ShopTable } from '../../schemas/shop';
import { CURRENT_DATA_FILE, MERGE_SQL_TEMPLATE, MERGE_STATE } from './constants';
import { DUCKDB_TYPES } from './duckDbTypes';
import { TableMergeFailedError, UnknownLakeTableError } from './errors';
import { loadLakeKey } from './loadLakeKey';
import { commitFile, listRawFiles, readManifest, removeStaleTempFiles, tempPath, writeManifest } from './mergeState';
import { registerPseudonymFunction } from './registerPseudonymFunction';
import type { MergeLakeOptions, MergeLakeResult, TableMergeResult } from './types';

/** A SQL string literal. */
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * Merges the raw DMS files of the local landing zone into the lake's current-state tables with
 * DuckDB, running the same SQL the Glue job runs (`glue-jobs/merge.sql`, filled for the table by
 * `renderMergeSql`): `<landingDir>/shop/public/<table>/*.parquet` into
 * `<lakeDir>/current/<table>/data.parquet`. On the way in, every value of a column marked
 * `personal` in `schemas/shop.ts` is replaced by its pseudonym (`snowline_pseudonym`, i.e.
 * `Pseudonymiser.hash` under the key of `keyFile`, the events archive's key), keys included, so
 * the lake holds no personal value in clear and its customer ids join the archive's `user_id`.
 * The key is checked against the one the lake was written with first (`loadLakeKey`).
 *
 * Incremental by default: the changes merged are the raw files the table's manifest does not list
 * (by name and size), plus the table's tombstones (the latest delete of each key that is not live),
 * so a late file older than a delete cannot bring the row back. Replays, late files and a second
 * run change nothing; `mode: 'full'` reads every raw file, as the Glue job does, with the same
 * result. Each file is replaced atomically (temporary file, fsync, rename), tombstones first and
 * the manifest last, so a crash leaves a state the next run completes. A table whose merge
 * changes nothing keeps its file.
 *
 * @throws UnknownLakeTableError when `tables` names a table the shop does not have (nothing merged).
 * @throws InvalidPseudonymisationKeyError naming the key file when the key is missing, unusable or
 *   not the lake's (nothing merged).
 * @throws TableMergeFailedError naming the table whose raw files could not be merged (its state unchanged).
 * @example
 * ```ts
 * const { tables } = await mergeLake({ landingDir: '.snowline/landing', lakeDir: '.snowline/lake', keyFile: '.snowline/pseudonymisation.key' });
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
  const pseudonymiser = await loadLakeKey(options.keyFile, options.lakeDir);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 1) });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    registerPseudonymFunction(connection, pseudonymiser);
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
  const done = (changesRead: number, rowsWritten: number): TableMergeResult => ({ name: table.name, changesRead, rowsWritten, ms: Math.round(performance.now() - began) });
  const rawFiles = await listRawFiles(join(options.landingDir, LANDING_PREFIX, SHOP_SCHEMA, table.name));
  if (rawFiles.length === 0) return done(0, 0);
  const currentDir = join(options.lakeDir, CURRENT_PREFIX, table.name);
  const stateDir = join(currentDir, MERGE_STATE.dir);
  const paths = { data: join(currentDir, CURRENT_DATA_FILE), manifest: join(stateDir, MERGE_STATE.manifest), tombstones: join(stateDir, MERGE_STATE.tombstones) };
  await mkdir(stateDir, { recursive: true });
  await removeStaleTempFiles(currentDir);
  await removeStaleTempFiles(stateDir);
  const hadData = await exists(paths.data);
  // The manifest speaks for the data file beside it only: without one, every file is read.
  const merged = (options.mode ?? 'incremental') === 'incremental' && hadData ? await readManifest(paths.manifest) : new Map<string, number>();
  const fresh = rawFiles.filter((file) => merged.get(file.name) !== file.size);
  if (fresh.length === 0) return done(0, 0);

  const current = `current_${table.name}`;
  const changes = `changes_${table.name}`;
  const keys = table.primaryKey;
  const stored = [...table.columns.map((c) => c.name), DMS_COLUMNS.commitTimestamp, DMS_COLUMNS.changeSequence];
  const temps: string[] = [];
  let changesRead: number;
  let changed: number;
  try {
    await connection.run(`DROP TABLE IF EXISTS ${current}; DROP VIEW IF EXISTS ${changes}`);
    const columns = table.columns.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}`);
    await connection.run(`CREATE TEMP TABLE ${current} (${[...columns, `${DMS_COLUMNS.commitTimestamp} TIMESTAMP`, `${DMS_COLUMNS.changeSequence} VARCHAR`].join(', ')})`);
    if (hadData) await connection.run(`INSERT INTO ${current} SELECT ${stored.join(', ')} FROM read_parquet(${literal(paths.data)})`);
    const dmsCasts = [`CAST(${DMS_COLUMNS.commitTimestamp} AS TIMESTAMP) AS ${DMS_COLUMNS.commitTimestamp}`, `CAST(${DMS_COLUMNS.changeSequence} AS VARCHAR) AS ${DMS_COLUMNS.changeSequence}`];
    const typed = (c: ShopTable['columns'][number], value: string) => `CAST(${value} AS ${DUCKDB_TYPES[c.type]}) AS ${c.name}`;
    const files = `read_parquet([${fresh.map((f) => literal(f.path)).join(', ')}], union_by_name = true)`;
    // Personal values are pseudonymised as they are read; the tombstones below already were.
    const raw = `SELECT CAST(${DMS_COLUMNS.op} AS VARCHAR) AS ${DMS_COLUMNS.op}, ${[...dmsCasts, ...table.columns.map((c) => typed(c, pseudonymisedColumn(table, c.name)))].join(', ')} FROM ${files}`;
    // The tombstones join the changes as deletes: a late file older than a delete then loses to it.
    const tombstones = (await exists(paths.tombstones))
      ? ` UNION ALL SELECT 'D' AS ${DMS_COLUMNS.op}, ${[...dmsCasts, ...table.columns.map((c) => typed(c, keys.includes(c.name) ? c.name : 'NULL'))].join(', ')} FROM read_parquet(${literal(paths.tombstones)})`
      : '';
    // A view, not a table: the merge streams the files once; the count comes from their footers.
    await connection.run(`CREATE TEMP VIEW ${changes} AS ${raw}${tombstones}`);
    changesRead = await count(connection, files);
    const sql = replacePlaceholders(renderMergeSql(await readFile(MERGE_SQL_TEMPLATE, 'utf8'), table), (name) =>
      name === MERGE_INPUTS.changes ? changes : name === MERGE_INPUTS.current ? current : `{{${name}}}`,
    );
    changed = Number((await connection.run(sql)).rowsChanged);

    // The latest delete of each key that is not live now; a live key's row is newer than all its deletes.
    const tombstonesTemp = tempPath(paths.tombstones);
    temps.push(tombstonesTemp);
    const keyMatch = keys.map((k) => `c.${k} = d.${k}`).join(' AND ');
    await connection.run(
      `COPY (SELECT ${[...keys, DMS_COLUMNS.commitTimestamp, DMS_COLUMNS.changeSequence].join(', ')} FROM (` +
        `SELECT *, ROW_NUMBER() OVER (PARTITION BY ${keys.join(', ')} ORDER BY ${DMS_COLUMNS.commitTimestamp} DESC, ${DMS_COLUMNS.changeSequence} DESC) AS delete_rank ` +
        `FROM ${changes} WHERE ${DMS_COLUMNS.op} = 'D') AS d ` +
        `WHERE delete_rank = 1 AND NOT EXISTS (SELECT 1 FROM ${current} AS c WHERE ${keyMatch}) ORDER BY ${keys.join(', ')}) ` +
        `TO ${literal(tombstonesTemp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await commitFile(tombstonesTemp, paths.tombstones);

    let rowsWritten = 0;
    if (changed > 0 || !hadData) {
      const dataTemp = tempPath(paths.data);
      temps.push(dataTemp);
      await connection.run(`COPY (SELECT ${stored.join(', ')} FROM ${current} ORDER BY ${keys.join(', ')}) TO ${literal(dataTemp)} (FORMAT parquet, COMPRESSION zstd)`);
      rowsWritten = await count(connection, current);
      await options.beforeCommit?.(table.name, dataTemp);
      await commitFile(dataTemp, paths.data);
    }
    await writeManifest(paths.manifest, rawFiles);
    return done(changesRead, rowsWritten);
  } catch (error) {
    for (const temp of temps) await rm(temp, { force: true });
    throw new TableMergeFailedError(table.name, (error as Error).message, { cause: error });
  }
}

async function count(connection: DuckDBConnection, relation: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${relation}`);
  return Number(reader.getRows()[0]![0]);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
