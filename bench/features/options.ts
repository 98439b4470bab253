import { parseNumberFlags, type Rule } from '../reports/options';

/** The options of `npm run bench -- features`. */
export interface FeaturesBenchOptions {
  /** Events of the writes and handler-CPU run (six 500-record batches per 3,000; a round takes about 6 s per 1,000 here). @default 3000 */
  readonly events: number;
  /** Events per second of the generated traffic and of the freshness run. @default 1000 */
  readonly rate: number;
  /** Length of the freshness run, in seconds. @default 20 */
  readonly seconds: number;
  /** Measured rounds of the writes and handler-CPU run (after one warm-up round). @default 2 */
  readonly rounds: number;
  /** The generator's seed. @default 1 */
  readonly seed: number;
  /** 1: the freshness run's producer and GetRecord pollers run in a child process of their own; 0: in the consumer's process. @default 1 */
  readonly trafficChild: number;
  /** 1: the freshness polls read the pending users with BatchGetRecord, 100 a call, instead of one GetRecord per pending batch (a fraction of the calls). @default 0 */
  readonly batchPoll: number;
}

const RULES = {
  events: { flag: 'events', fallback: '3000', min: 1_000, max: 1_000_000, integer: true },
  rate: { flag: 'rate', fallback: '1000', min: 10, max: 2_000, integer: false },
  seconds: { flag: 'seconds', fallback: '20', min: 5, max: 600, integer: false },
  rounds: { flag: 'rounds', fallback: '2', min: 1, max: 50, integer: true },
  seed: { flag: 'seed', fallback: '1', min: 0, max: 2_147_483_646, integer: true },
  trafficChild: { flag: 'traffic-child', fallback: '1', min: 0, max: 1, integer: true },
  batchPoll: { flag: 'batch-poll', fallback: '0', min: 0, max: 1, integer: true },
} as const satisfies Record<keyof FeaturesBenchOptions, Rule>;

/**
 * Reads and checks the flags of the features benchmark; an unknown flag or a value out of range
 * is an error naming the flag and the value that arrived.
 *
 * @example
 * parseFeaturesOptions(['--seconds', '10']); // { events: 3000, rate: 1000, seconds: 10, rounds: 2, seed: 1, trafficChild: 1, batchPoll: 0 }
 */
export function parseFeaturesOptions(args: readonly string[]): FeaturesBenchOptions {
  return parseNumberFlags(args, RULES);
}
