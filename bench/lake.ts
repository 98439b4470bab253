import os from 'node:os';
import { measureMerge } from './lake/measureMerge';
import { parseLakeOptions } from './lake/replicationOptions';
import { measureReplicationLag } from './lake/replicationLag';

/**
 * `npm run bench -- lake [--rate STEPS/S] [--seconds S] [--flush-ms MS] [--merge-changes N] [--seed S]`:
 * the lake's figures on this machine:
 * - replication lag p50/p99 of the local DMS replicator, from a transaction's commit in
 *   PostgreSQL to its CDC files in place, under the shop workload at a steady rate;
 * - merge throughput of the local Glue job (`mergeLake` on DuckDB, H5a's measureMerge) in raw
 *   DMS rows per second, personal columns pseudonymised: `orders` (one personal column), then
 *   `customers` (the key and three more personal columns).
 */
export async function benchLake(args: readonly string[]): Promise<unknown> {
  const options = parseLakeOptions(args);
  const loadBefore = os.loadavg()[0]!;
  const replication = await measureReplicationLag({ rate: options.rate, seconds: options.seconds, flushIntervalMs: options.flushMs, seed: options.seed });
  // One key in ten, as measureMerge's defaults have it (1,000,000 changes over 100,000 keys).
  const merge = await measureMerge({ changes: options.mergeChanges, keys: Math.round(options.mergeChanges / 10) });
  // customers: its key and three more columns are personal, so every row's key is hashed (orders'
  // one personal column, customer_id, repeats 97 values, which DuckDB hashes once per dictionary).
  const mergeCustomers = await measureMerge({ table: 'customers', changes: options.mergeChanges, keys: Math.round(options.mergeChanges / 10) });
  return {
    benchmark: 'lake',
    machine: { cpus: os.cpus().length, loadAverage1mBefore: Math.round(loadBefore * 100) / 100 },
    replication,
    merge,
    mergeCustomers,
  };
}
