import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { SHOP_SCHEMA, type ShopTable } from '../../schemas/shop';
import { quoteIdent } from '../../lib/shop';
import { LOAD_CHANGE_SEQ } from './changeSequence';
import { LOAD_FETCH_SIZE, OUTPUT_PLUGIN } from './constants';
import { loadFileName, tableDir } from './dmsFileNames';
import { syncPath as fsyncPath } from '../featurestore/storage/durableFs';
import { toColumnText } from './toColumnText';
import type { DmsRow, WrittenFile } from './types';
import { writeDmsParquet } from './writeDmsParquet';

/** Options of {@link createSlotAndFullLoad}. */
export interface FullLoadOptions {
  readonly endpoint: string;
  readonly slot: string;
  readonly landingDir: string;
  readonly tables: readonly ShopTable[];
  readonly duck: DuckDBConnection;
  readonly rowsPerFile: number;
  readonly log: (line: string) => void;
}

/** What the full load did. */
export interface FullLoadResult {
  /** The slot's consistent point: CDC starts with the first transaction committed after it. */
  readonly consistentPoint: string;
  /** `dms_commit_ts` of every full-load row: read just before the snapshot, so every later change sorts after it. */
  readonly snapshotTs: string;
  readonly files: readonly WrittenFile[];
}

/**
 * Creates the logical replication slot and, in the same breath, copies every table as it was at
 * the slot's consistent point: `CREATE_REPLICATION_SLOT … LOGICAL test_decoding (SNAPSHOT 'use')`
 * on a replication connection makes the loading transaction see exactly the data the slot's
 * first change follows, so no change is lost and none is in both. As DMS's default
 * `TargetTablePrepMode=DROP_AND_CREATE` does, the table folders are emptied first. LOAD files
 * are renamed into place only once every table is read, LOAD00000001 of each table last, so its
 * presence means the table's full load is complete.
 */
export async function createSlotAndFullLoad(options: FullLoadOptions): Promise<FullLoadResult> {
  const { tables, duck, log } = options;
  for (const table of tables) {
    const dir = tableDir(options.landingDir, table.name);
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) await rm(join(dir, name), { force: true });
  }
  const clock = new pg.Client({ connectionString: options.endpoint, connectionTimeoutMillis: 5_000 });
  await clock.connect();
  let snapshotTs: string;
  try {
    const result = await clock.query<{ t: string }>(`SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS t`);
    snapshotTs = result.rows[0]!.t;
  } finally {
    await clock.end();
  }

  const replication = new pg.Client({ connectionString: options.endpoint, connectionTimeoutMillis: 5_000, replication: 'database' } as pg.ClientConfig);
  replication.on('error', () => undefined);
  await replication.connect();
  const staged: { table: string; part: string; final: string; file: WrittenFile }[] = [];
  let consistentPoint: string;
  try {
    await replication.query("SET TimeZone = 'UTC'");
    await replication.query("SET DateStyle = 'ISO'");
    await replication.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const created = await replication.query<{ consistent_point: string }>(`CREATE_REPLICATION_SLOT ${quoteIdent(options.slot)} LOGICAL ${OUTPUT_PLUGIN} (SNAPSHOT 'use')`);
    consistentPoint = created.rows[0]!.consistent_point;
    log(`replicator: created slot ${options.slot} at ${consistentPoint}; full load from its snapshot`);
    for (const table of tables) {
      const dir = tableDir(options.landingDir, table.name);
      const select = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ');
      await replication.query(`DECLARE dms_load NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoteIdent(SHOP_SCHEMA)}.${quoteIdent(table.name)} ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}`);
      let buffer: DmsRow[] = [];
      let fileNo = 0;
      let total = 0;
      const flush = async (): Promise<void> => {
        if (buffer.length === 0 && fileNo > 0) return;
        const final = join(dir, loadFileName(++fileNo));
        const part = `${final}.part`;
        await writeDmsParquet(duck, table, buffer, part);
        staged.push({ table: table.name, part, final, file: { table: table.name, path: final, rows: buffer.length, kind: 'load', maxCommitTs: snapshotTs, writtenAtMs: 0 } });
        buffer = [];
      };
      for (;;) {
        const fetched = await replication.query<string[]>({ text: `FETCH FORWARD ${LOAD_FETCH_SIZE} FROM dms_load`, rowMode: 'array' });
        for (const values of fetched.rows) {
          buffer.push({ op: 'I', commitTs: snapshotTs, changeSeq: LOAD_CHANGE_SEQ, values: table.columns.map((c, i) => toColumnText(table.name, c, values[i] ?? null)) });
          if (buffer.length >= options.rowsPerFile) await flush();
        }
        total += fetched.rows.length;
        if (fetched.rows.length < LOAD_FETCH_SIZE) break;
      }
      await flush();
      await replication.query('CLOSE dms_load');
      log(`replicator: full load of ${table.name}: ${total} rows in ${fileNo} file${fileNo === 1 ? '' : 's'}`);
    }
    await replication.query('COMMIT');
  } finally {
    await replication.end().catch(() => undefined);
  }
  // Last files first, LOAD00000001 of each table at the very end: it marks a complete load.
  const files: WrittenFile[] = [];
  for (const entry of [...staged].reverse()) {
    await rename(entry.part, entry.final);
    await fsyncPath(dirname(entry.final));
    files.unshift({ ...entry.file, writtenAtMs: Date.now() });
  }
  return { consistentPoint, snapshotTs, files };
}
