import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { ShopWorkload, type ShopWorkloadOptions } from '../../lib/shop';
import { applyShopTransaction } from './applyShopTransaction';

/** Options of {@link startShopWorkload}. */
export interface ShopWorkloadRunOptions extends ShopWorkloadOptions {
  /** The shop database (`pg` connection string). */
  readonly endpoint: string;
  /** Workload steps per second (a burst step commits several transactions at once). Range 0.1-1000. @default 2 */
  readonly stepsPerSecond?: number;
  /** Where progress and error lines go. @default - silent */
  readonly log?: (line: string) => void;
}

/** Counters of a running workload. */
export interface ShopWorkloadStats {
  /** Transactions committed. */
  readonly committed: number;
  /** Transactions that failed (logged, then skipped). */
  readonly failed: number;
}

/** A running shop workload. */
export interface RunningShopWorkload {
  stats(): ShopWorkloadStats;
  /** Stops after the transaction in flight; safe to call twice. */
  stop(): Promise<ShopWorkloadStats>;
}

/**
 * Runs the {@link ShopWorkload} against the shop database at a steady pace through `pg`: the
 * database traffic the replicator turns into DMS files while `snowline up --demo` runs.
 *
 * @example
 * ```ts
 * const workload = await startShopWorkload({ endpoint: postgres.endpoint, seed: Date.now() % 1e9 });
 * await workload.stop();
 * ```
 */
export async function startShopWorkload(options: ShopWorkloadRunOptions): Promise<RunningShopWorkload> {
  const rate = options.stepsPerSecond ?? 2;
  if (!(rate >= 0.1 && rate <= 1000)) throw new RangeError(`stepsPerSecond must be a number from 0.1 to 1000, got ${String(rate)}`);
  const log = options.log ?? (() => undefined);
  const workload = new ShopWorkload(options);
  const client = new pg.Client({ connectionString: options.endpoint, connectionTimeoutMillis: 5_000 });
  client.on('error', (error) => log(`shop workload: connection error (${error.message})`));
  await client.connect();
  const stopper = new AbortController();
  let committed = 0;
  let failed = 0;
  const loop = (async () => {
    while (!stopper.signal.aborted) {
      for (const tx of workload.step()) {
        try {
          await applyShopTransaction(client, tx);
          committed++;
        } catch (error) {
          failed++;
          log(`shop workload: '${tx.label}' failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      await sleep(1000 / rate, undefined, { signal: stopper.signal }).catch(() => undefined);
    }
  })();
  let stopping: Promise<ShopWorkloadStats> | undefined;
  return {
    stats: () => ({ committed, failed }),
    stop: () =>
      (stopping ??= (async () => {
        stopper.abort();
        await loop;
        await client.end().catch(() => undefined);
        return { committed, failed };
      })()),
  };
}
