/**
 * The merge half of `npm run bench -- lake`: the local Glue merge (`mergeLake`, DuckDB) timed on
 * synthesized raw DMS files of a stated size.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CURRENT_PREFIX, LANDING_PREFIX } from '../../lib/catalog';
import { DUCKDB_TYPES, mergeLake } from '../../local/glue';
import { SHOP_SCHEMA, type ShopColumn, shopTable, type ShopTable } from '../../schemas/shop';

/** Options of {@link measureMerge}. */
export interface MeasureMergeOptions {
  /** Raw DMS rows (changes) in the landing zone. @default 1_000_000 */
  readonly changes?: number;
  /** Distinct primary keys they touch: the full load inserts each, CDC updates and deletes them. @default 100_000 */
  readonly keys?: number;
  /** CDC files the changes after the full load are cut into. @default 100 */
  readonly files?: number;
  /** The shop table. @default 'orders' */
  readonly table?: string;
  /** DuckDB threads, as `mergeLake` runs it in `snowline up`. @default 1 */
  readonly threads?: number;
  /** Rounds of the three merges; each figure is the median round (by ms). Range >= 1. @default 3 */
  readonly rounds?: number;
}

/** One timed merge (the median round's). */
export interface MergeFigure {
  readonly ms: number;
  /** Raw rows read per second of the merge's wall time. */
  readonly changesPerSecond: number;
  readonly rowsWritten: number;
}

/** What {@link measureMerge} prints. */
export interface MergeFigures {
  readonly table: string;
  readonly changesIn: number;
  readonly keys: number;
  readonly rawFiles: number;
  readonly threads: number;
  readonly rounds: number;
  /** The approach measured. */
  readonly approach: 'incremental: new raw files and tombstones merged into the stored rows; full: every raw file, as the Glue job';
  /** The first merge: no current state yet, every file read. */
  readonly first: MergeFigure;
  /** A second merge with nothing new: the manifest lists every file, nothing is read or written. */
  readonly unchanged: MergeFigure;
  /** An incremental merge after one more CDC file of 1 % of the changes arrived. */
  readonly afterNewFile: MergeFigure;
  /** A full recompute (`mode: 'full'`) over every raw file once all are merged: what each Glue run reads. */
  readonly fullRecompute: MergeFigure;
}

/**
 * Writes a landing zone of `changes` raw rows for one shop table (a full load of `keys` inserts, then
 * updates and 1 in 20 deletes cut into `files` CDC files, several per commit timestamp), then
 * times `mergeLake` four times per round (first, unchanged, after a new file, then a full
 * recompute) and reports the median round of each.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(await measureMerge({ changes: 200_000 })));
 * ```
 */
export async function measureMerge(options: MeasureMergeOptions = {}): Promise<MergeFigures> {
  const changes = options.changes ?? 1_000_000;
  const keys = Math.min(options.keys ?? 100_000, changes);
  const files = options.files ?? 100;
  const threads = options.threads ?? 1;
  const rounds = options.rounds ?? 3;
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`measureMerge: rounds must be an integer >= 1, got ${rounds}`);
  const table = shopTable(options.table ?? 'orders');
  const dataDir = await mkdtemp(join(tmpdir(), 'snowline-bench-lake-'));
  // A data dir as snowline up lays it out: DMS files in landing/, the merged tables in lake/.
  const paths = { landingDir: join(dataDir, 'landing'), lakeDir: join(dataDir, 'lake'), keyFile: join(dataDir, 'pseudonymisation.key') };
  try {
    const dir = join(paths.landingDir, LANDING_PREFIX, SHOP_SCHEMA, table.name);
    await mkdir(dir, { recursive: true });
    const cdc = changes - keys;
    const per = Math.ceil(cdc / files);
    const ranges: [string, number, number][] = [['LOAD00000001.parquet', 0, keys]];
    for (let f = 0; f < files && keys + f * per < changes; f++) {
      ranges.push([`20261122-${String(100000000 + f).slice(1)}.parquet`, keys + f * per, Math.min(changes, keys + (f + 1) * per)]);
    }
    await writeRange(table, keys, ranges.map(([name, from, to]) => [join(dir, name), from, to] as const));
    const timed = async (mode: 'incremental' | 'full' = 'incremental'): Promise<MergeFigure> => {
      const { tables } = await mergeLake({ ...paths, tables: [table.name], threads, mode });
      const result = tables[0]!;
      return { ms: result.ms, changesPerSecond: result.ms === 0 ? 0 : Math.round((result.changesRead / result.ms) * 1000), rowsWritten: result.rowsWritten };
    };
    const extra = Math.max(1, Math.round(changes / 100));
    const extraFile = join(dir, '20261122-235959999.parquet');
    const samples: { first: MergeFigure; unchanged: MergeFigure; afterNewFile: MergeFigure; fullRecompute: MergeFigure }[] = [];
    for (let round = 0; round < rounds; round++) {
      await rm(join(paths.lakeDir, CURRENT_PREFIX), { recursive: true, force: true });
      await rm(extraFile, { force: true });
      const first = await timed();
      const unchanged = await timed();
      await writeRange(table, keys, [[extraFile, changes, changes + extra]]);
      const afterNewFile = await timed();
      samples.push({ first, unchanged, afterNewFile, fullRecompute: await timed('full') });
    }
    const median = (phase: keyof (typeof samples)[number]): MergeFigure => {
      const sorted = samples.map((s) => s[phase]).sort((a, b) => a.ms - b.ms);
      return sorted[Math.floor((sorted.length - 1) / 2)]!;
    };
    return {
      table: table.name,
      changesIn: changes,
      keys,
      rawFiles: ranges.length,
      threads,
      rounds,
      approach: 'incremental: new raw files and tombstones merged into the stored rows; full: every raw file, as the Glue job',
      first: median('first'),
      unchanged: median('unchanged'),
      afterNewFile: median('afterNewFile'),
      fullRecompute: median('fullRecompute'),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Writes change numbers [from, to) of the synthetic history into each file, with DuckDB. */
async function writeRange(table: ShopTable, keys: number, ranges: readonly (readonly [string, number, number])[]): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    for (const [path, from, to] of ranges) {
      // Change i: inserts for i < keys, then updates, and a delete every 20th; 4 changes per commit millisecond.
      const op = `CASE WHEN i < ${keys} THEN 'I' WHEN i % 20 = 0 THEN 'D' ELSE 'U' END`;
      const ts = `TIMESTAMP '2026-11-22 00:00:00' + to_microseconds(CAST(i / 4 AS BIGINT) * 1000)`;
      const value = (column: ShopColumn) =>
        table.primaryKey.includes(column.name)
          ? `'${column.name}-' || CAST(i % ${keys} AS VARCHAR)`
          : `CASE WHEN ${op} = 'D' THEN NULL ELSE ${synthetic(column, ts)} END`;
      const select = [`${op} AS Op`, `${ts} AS dms_commit_ts`, 'lpad(CAST(i AS VARCHAR), 35, \'0\') AS dms_change_seq', ...table.columns.map((c) => `CAST(${value(c)} AS ${DUCKDB_TYPES[c.type]}) AS ${c.name}`)];
      await connection.run(`COPY (SELECT ${select.join(', ')} FROM range(${from}, ${to}) AS r(i)) TO '${path}' (FORMAT parquet)`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A value of the column's type that varies with the change number `i`. */
function synthetic(column: ShopColumn, ts: string): string {
  switch (column.type) {
    case 'text':
      return `'${column.name}-' || CAST(i % 97 AS VARCHAR)`;
    case 'integer':
    case 'bigint':
      return 'i % 1000';
    case 'decimal':
      return '(i % 100000) / 100.0';
    case 'timestamp':
      return ts;
    case 'boolean':
      return 'i % 2 = 0';
  }
}
