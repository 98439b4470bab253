import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { LANDING_PREFIX } from '../../lib/catalog';
import { SHOP_SCHEMA, SHOP_TABLES } from '../../schemas/shop';
import { collectChanges, type SlotRow } from './collectChanges';
import { DEFAULT_FLUSH_INTERVAL_MS, DEFAULT_MAX_CHANGES_PER_BATCH, DEFAULT_ROWS_PER_LOAD_FILE, DEFAULT_SLOT, OUTPUT_PLUGIN } from './constants';
import { loadFileName, nextCdcPath, tableDir } from './dmsFileNames';
import { ReplicatorError } from './errors';
import { createSlotAndFullLoad } from './fullLoad';
import type { Replicator, ReplicatorOptions, ReplicatorStats } from './replicatorTypes';
import type { WrittenFile } from './types';
import { writeDmsParquet } from './writeDmsParquet';

/** Slot names PostgreSQL accepts: lower-case letters, digits and underscores, at most 63. */
const SLOT_NAME = /^[a-z0-9_]{1,63}$/;
/** The longest pause after repeated failures, in ms. */
const MAX_BACKOFF_MS = 10_000;
/** How often a progress line is logged, in ms. */
const PROGRESS_EVERY_MS = 30_000;

/**
 * Starts the local stand-in for a DMS full-load-and-CDC task from the shop's PostgreSQL to the
 * landing zone (outside the lake: the merge pseudonymises on its way in): on first start (or
 * when an earlier full load did not complete) it creates the logical replication slot
 * (`test_decoding`) and copies every table from the slot's snapshot into `LOAD00000001.parquet`
 * files; then, every `flushIntervalMs`, it reads the slot's new changes
 * (peek, so nothing is consumed yet), writes one timestamp-named Parquet file per table, and only
 * once those files are durably in place advances the slot past them. A crash between the two
 * writes the same changes again after the restart (at-least-once; the merge ignores a change it
 * has already applied); nothing committed is ever skipped.
 *
 * @throws ReplicatorError for a bad option or a slot of another plugin.
 * @example
 * ```ts
 * const replicator = await startReplicator({ endpoint: postgres.endpoint, landingDir: '.snowline/landing', log: console.log });
 * await replicator.catchUp();
 * await replicator.close();
 * ```
 */
export async function startReplicator(options: ReplicatorOptions): Promise<Replicator> {
  const slot = options.slot ?? DEFAULT_SLOT;
  if (!SLOT_NAME.test(slot)) throw new ReplicatorError(`slot must be 1-63 lower-case letters, digits or underscores, got '${slot}'`);
  const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  if (!(flushIntervalMs >= 10 && flushIntervalMs <= 600_000)) throw new ReplicatorError(`flushIntervalMs must be from 10 to 600000, got ${String(flushIntervalMs)}`);
  const maxChanges = options.maxChangesPerBatch ?? DEFAULT_MAX_CHANGES_PER_BATCH;
  if (!(Number.isSafeInteger(maxChanges) && maxChanges >= 1)) throw new ReplicatorError(`maxChangesPerBatch must be a whole number of at least 1, got ${String(maxChanges)}`);
  const rowsPerLoadFile = options.rowsPerLoadFile ?? DEFAULT_ROWS_PER_LOAD_FILE;
  if (!(Number.isSafeInteger(rowsPerLoadFile) && rowsPerLoadFile >= 1)) throw new ReplicatorError(`rowsPerLoadFile must be a whole number of at least 1, got ${String(rowsPerLoadFile)}`);
  const tables = options.tables ?? SHOP_TABLES;
  const landingDir = resolve(options.landingDir);
  const log = options.log ?? (() => undefined);
  const onFile = options.onFile ?? (() => undefined);

  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const duck = await instance.connect();
  const client = new pg.Client({ connectionString: options.endpoint, connectionTimeoutMillis: 5_000 });
  client.on('error', (error) => log(`replicator: connection error (${error.message})`));
  const stats = { filesWritten: 0, changesWritten: 0, transactions: 0, batches: 0, failures: 0, lastError: undefined as string | undefined, lastCommitTs: undefined as string | undefined };
  const fail = async (error: unknown): Promise<never> => {
    duck.closeSync();
    instance.closeSync();
    await client.end().catch(() => undefined);
    throw error;
  };

  try {
    await client.connect();
    await client.query("SET TimeZone = 'UTC'");
    await client.query("SET DateStyle = 'ISO'");
    const found = await client.query<{ plugin: string }>('SELECT plugin FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    const plugin = found.rows[0]?.plugin;
    if (plugin !== undefined && plugin !== OUTPUT_PLUGIN) throw new ReplicatorError(`slot ${slot} exists with plugin ${plugin}, not ${OUTPUT_PLUGIN}; drop it or choose another slot`);
    const loaded = tables.every((t) => existsSync(join(tableDir(landingDir, t.name), loadFileName(1))));
    if (plugin !== undefined && loaded) {
      log(`replicator: resuming from slot ${slot}`);
    } else {
      if (plugin !== undefined) {
        log(`replicator: slot ${slot} exists but the full load did not complete; dropping it and loading again`);
        await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
      }
      await mkdir(landingDir, { recursive: true });
      const load = await createSlotAndFullLoad({ endpoint: options.endpoint, slot, landingDir, tables, duck, rowsPerFile: rowsPerLoadFile, log });
      for (const file of load.files) {
        stats.filesWritten++;
        onFile(file);
      }
    }
  } catch (error) {
    return fail(error);
  }

  /** Reads one batch, writes its files, then advances the slot. Returns how many slot rows it read. */
  const readBatch = async (): Promise<number> => {
    const result = await client.query<SlotRow>(
      "SELECT lsn::text AS lsn, data FROM pg_logical_slot_peek_changes($1, NULL, $2, 'include-timestamp', 'on', 'include-xids', 'on')",
      [slot, maxChanges],
    );
    if (result.rows.length === 0) return 0;
    const batch = collectChanges(result.rows, tables);
    if (batch.lastCommitLsn === undefined) return 0;
    const at = new Date();
    for (const table of tables) {
      const rows = batch.rows.get(table.name);
      if (rows === undefined || rows.length === 0) continue;
      const dir = tableDir(landingDir, table.name);
      await mkdir(dir, { recursive: true });
      const path = nextCdcPath(dir, at);
      await writeDmsParquet(duck, table, rows, path);
      const file: WrittenFile = { table: table.name, path, rows: rows.length, kind: 'cdc', maxCommitTs: rows[rows.length - 1]!.commitTs, writtenAtMs: Date.now() };
      stats.filesWritten++;
      stats.changesWritten += rows.length;
      stats.lastCommitTs = file.maxCommitTs;
      onFile(file);
    }
    if (batch.truncates > 0) log(`replicator: ${batch.truncates} TRUNCATE(s) not replicated (DMS writes none to S3)`);
    if (batch.unchangedToast > 0) log(`replicator: ${batch.unchangedToast} unchanged TOASTed value(s) written as NULL`);
    await client.query('SELECT pg_replication_slot_advance($1, $2::pg_lsn)', [slot, batch.lastCommitLsn]);
    stats.transactions += batch.transactions;
    stats.batches++;
    return result.rows.length;
  };

  // One batch at a time: the timer loop and catchUp() share this chain.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };
  const drain = async (): Promise<void> => {
    while ((await serial(readBatch)) >= maxChanges) {
      // A full batch: more is waiting.
    }
  };

  const stopper = new AbortController();
  let lastProgress = { at: Date.now(), changes: 0 };
  const loop = (async () => {
    let backoff = flushIntervalMs;
    while (!stopper.signal.aborted) {
      try {
        await drain();
        if (stats.lastError !== undefined) log('replicator: recovered');
        stats.lastError = undefined;
        backoff = flushIntervalMs;
      } catch (error) {
        stats.failures++;
        const message = error instanceof Error ? error.message : String(error);
        if (message !== stats.lastError) log(`replicator: batch failed, nothing confirmed, retrying: ${message}`);
        stats.lastError = message;
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
      if (Date.now() - lastProgress.at >= PROGRESS_EVERY_MS && stats.changesWritten > lastProgress.changes) {
        log(`replicator: ${stats.changesWritten - lastProgress.changes} changes written in the last ${Math.round((Date.now() - lastProgress.at) / 1000)} s (last commit ${stats.lastCommitTs ?? '-'} UTC)`);
        lastProgress = { at: Date.now(), changes: stats.changesWritten };
      }
      await sleep(stats.lastError === undefined ? flushIntervalMs : backoff, undefined, { signal: stopper.signal }).catch(() => undefined);
    }
  })();

  let closing: Promise<void> | undefined;
  return {
    name: 'replicator',
    endpoint: join(landingDir, LANDING_PREFIX, SHOP_SCHEMA),
    slot,
    landingDir,
    stats: (): ReplicatorStats => ({ ...stats }),
    catchUp: drain,
    close: () =>
      (closing ??= (async () => {
        stopper.abort();
        await loop;
        // What was committed before the stop goes to the landing zone now rather than at the next start.
        await drain().catch((error: unknown) => log(`replicator: final read failed (it resumes from the slot next time): ${error instanceof Error ? error.message : String(error)}`));
        duck.closeSync();
        instance.closeSync();
        await client.end().catch(() => undefined);
      })()),
  };
}
