import { DEFAULT_FLUSH_INTERVAL_MS } from '../../local/replicator';
import { parseNumberFlags, type Rule } from '../reports/options';

/** The options of `npm run bench -- lake`. */
export interface LakeBenchOptions {
  /** Shop workload steps per second during the replication run (a step is one transaction, a burst 3-5). @default 50 */
  readonly rate: number;
  /** Length of the replication run, in seconds. @default 20 */
  readonly seconds: number;
  /** The replicator's flush interval, in ms. @default 1000 (the replicator's default, as snowline up runs it) */
  readonly flushMs: number;
  /** Raw DMS rows of the merge run (passed to measureMerge). @default 1000000 */
  readonly mergeChanges: number;
  /** The workload's seed. @default 1 */
  readonly seed: number;
}

const RULES = {
  rate: { flag: 'rate', fallback: '50', min: 1, max: 2_000, integer: false },
  seconds: { flag: 'seconds', fallback: '20', min: 3, max: 600, integer: false },
  flushMs: { flag: 'flush-ms', fallback: String(DEFAULT_FLUSH_INTERVAL_MS), min: 10, max: 600_000, integer: true },
  mergeChanges: { flag: 'merge-changes', fallback: '1000000', min: 10_000, max: 20_000_000, integer: true },
  seed: { flag: 'seed', fallback: '1', min: 0, max: 2_147_483_646, integer: true },
} as const satisfies Record<keyof LakeBenchOptions, Rule>;

/**
 * Reads and checks the flags of the lake benchmark; an unknown flag or a value out of range is
 * an error naming the flag and the value that arrived.
 *
 * @example
 * parseLakeOptions(['--seconds', '10']); // { rate: 50, seconds: 10, flushMs: 1000, mergeChanges: 1000000, seed: 1 }
 */
export function parseLakeOptions(args: readonly string[]): LakeBenchOptions {
  return parseNumberFlags(args, RULES);
}
