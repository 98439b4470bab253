import { prepareShopDatabase } from '../postgres/prepareShopDatabase';
import { startShopWorkload, type RunningShopWorkload } from '../postgres/startShopWorkload';
import type { LocalService } from '../service';
import type { Replicator, ReplicatorOptions } from './replicatorTypes';
import { startReplicator } from './startReplicator';

/** Options of {@link startShopReplication}. */
export interface ShopReplicationOptions extends ReplicatorOptions {
  /** Also run the shop workload (orders placed, paid, shipped, cancelled…) against the database. @default false */
  readonly workload?: boolean;
  /** Workload steps per second. @default 2 */
  readonly workloadStepsPerSecond?: number;
}

/** The shop's database, its DMS task and (with the demo) its traffic, as one part of `snowline up`. */
export interface ShopReplication extends LocalService {
  readonly name: 'replicator';
  readonly replicator: Replicator;
  readonly workload: RunningShopWorkload | undefined;
}

/**
 * What `snowline up` runs for the lake's source: creates the shop's tables and seed rows
 * (idempotent), starts the replicator (a full load on the first start, then CDC into
 * `<landing>/shop/public/<table>/`), and with `workload` the shop's database traffic. `close()`
 * stops the traffic first, then the replicator (which writes what is still in the slot).
 *
 * @example
 * ```ts
 * const shop = await startShopReplication({ endpoint: postgres.endpoint, landingDir: '.snowline/landing', workload: true, log: console.log });
 * await shop.close();
 * ```
 */
export async function startShopReplication(options: ShopReplicationOptions): Promise<ShopReplication> {
  const log = options.log ?? (() => undefined);
  const { inserted } = await prepareShopDatabase(options.endpoint);
  const seeded = Object.values(inserted).reduce((a, b) => a + b, 0);
  if (seeded > 0) log(`shop database: created and seeded (${Object.entries(inserted).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ')})`);
  const replicator = await startReplicator(options);
  let workload: RunningShopWorkload | undefined;
  try {
    if (options.workload === true) {
      const seed = Date.now() % 2_147_483_647;
      workload = await startShopWorkload({ endpoint: options.endpoint, seed, orderPrefix: `ord-w${seed.toString(36)}-`, stepsPerSecond: options.workloadStepsPerSecond ?? 2, log });
      log(`shop workload: ${options.workloadStepsPerSecond ?? 2} steps/s of orders, status changes, cancellations and catalogue updates`);
    }
  } catch (error) {
    await replicator.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    name: 'replicator',
    endpoint: replicator.endpoint,
    replicator,
    workload,
    close: () =>
      (closing ??= (async () => {
        const stats = await workload?.stop();
        if (stats !== undefined) log(`shop workload: ${stats.committed} transactions committed${stats.failed > 0 ? `, ${stats.failed} failed` : ''}`);
        await replicator.close();
      })()),
  };
}
