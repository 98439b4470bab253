/**
 * The replication half of `npm run bench -- lake`: commit-to-file lag of the local DMS replicator
 * on real PostgreSQL under the shop workload at a steady rate.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ShopWorkload } from '../../lib/shop';
import { applyShopTransaction, prepareShopDatabase, startPostgres } from '../../local/postgres';
import { findFreePort } from '../../local/up/findFreePort';
import { startReplicator, type WrittenFile } from '../../local/replicator';
import { quantile } from '../reports/quantile';

/** Options of {@link measureReplicationLag}. */
export interface ReplicationLagOptions {
  /** Workload steps per second. */
  readonly rate: number;
  readonly seconds: number;
  readonly flushIntervalMs: number;
  readonly seed: number;
}

/** A lag distribution in ms. */
export interface LagFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** What {@link measureReplicationLag} prints. */
export interface ReplicationLagFigures {
  readonly what: string;
  readonly rateStepsPerSecond: number;
  readonly seconds: number;
  readonly flushIntervalMs: number;
  /** Transactions committed by the workload, and seen in CDC files. */
  readonly transactionsCommitted: number;
  readonly transactionsReplicated: number;
  readonly changes: number;
  readonly cdcFiles: number;
  /** Per transaction: its commit time to the last of its files in place. */
  readonly lagMs: LagFigures;
  /** The workload's achieved rate, in transactions per second. */
  readonly transactionsPerSecond: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * Starts a PostgreSQL of its own (a temporary cluster) with the shop, the replicator at the given
 * flush interval, and the shop workload at `rate` steps a second for `seconds`; then reads every
 * CDC file back and takes, per transaction (its commit LSN, the first 20 digits of
 * dms_change_seq), the time from its commit (dms_commit_ts, PostgreSQL's commit timestamp on this
 * machine's clock) to the moment the last of its files was renamed into place (fsynced).
 */
export async function measureReplicationLag(options: ReplicationLagOptions): Promise<ReplicationLagFigures> {
  const postgres = await startPostgres({ port: await findFreePort() });
  const landingDir = await mkdtemp(join(tmpdir(), 'snowline-bench-replication-'));
  await chmod(landingDir, 0o755);
  const client = new pg.Client({ connectionString: postgres.endpoint });
  try {
    await prepareShopDatabase(postgres.endpoint);
    await client.connect();
    const files: WrittenFile[] = [];
    const replicator = await startReplicator({ endpoint: postgres.endpoint, landingDir, flushIntervalMs: options.flushIntervalMs, onFile: (f) => files.push(f) });
    const workload = new ShopWorkload({ seed: options.seed });
    let committed = 0;
    const began = performance.now();
    const steps = Math.round(options.rate * options.seconds);
    for (let i = 0; i < steps; i++) {
      const due = began + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      for (const tx of workload.step()) {
        await applyShopTransaction(client, tx);
        committed++;
      }
    }
    const elapsedS = (performance.now() - began) / 1000;
    await replicator.catchUp();
    await replicator.close();

    const cdc = files.filter((f) => f.kind === 'cdc');
    const done = new Map<string, { commitMs: number; writtenMs: number }>();
    let changes = 0;
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const duck = await instance.connect();
    try {
      for (const file of cdc) {
        const reader = await duck.runAndReadAll(`SELECT DISTINCT substr(dms_change_seq, 1, 20) AS txn, epoch_ms(dms_commit_ts) AS ms FROM read_parquet('${file.path.replace(/'/g, "''")}')`);
        for (const [txn, ms] of reader.getRows() as [string, bigint | number][]) {
          const seen = done.get(txn);
          done.set(txn, { commitMs: Number(ms), writtenMs: Math.max(seen?.writtenMs ?? 0, file.writtenAtMs) });
        }
        changes += file.rows;
      }
    } finally {
      duck.closeSync();
      instance.closeSync();
    }
    const lags = [...done.values()].map((t) => t.writtenMs - t.commitMs);
    return {
      what: 'commit (PostgreSQL commit timestamp) to the last CDC file of the transaction durably in place, per transaction, shop workload and replicator in one process',
      rateStepsPerSecond: options.rate,
      seconds: options.seconds,
      flushIntervalMs: options.flushIntervalMs,
      transactionsCommitted: committed,
      transactionsReplicated: done.size,
      changes,
      cdcFiles: cdc.length,
      lagMs: { p50: round(quantile(lags, 0.5)), p99: round(quantile(lags, 0.99)), max: round(Math.max(...lags)) },
      transactionsPerSecond: round(committed / elapsedS),
    };
  } finally {
    await client.end().catch(() => undefined);
    await postgres.close();
    await rm(landingDir, { recursive: true, force: true });
  }
}
