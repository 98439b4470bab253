import { parseArgs } from 'node:util';

/** The options of `npm run bench -- reports`. */
export interface ReportsBenchOptions {
  /** Events of the writes and handler-CPU run. @default 20000 */
  readonly events: number;
  /** Events pushed into the local stack for the end-to-end throughput. @default 20000 */
  readonly e2eEvents: number;
  /** Events per second of the generated traffic and of the freshness run; generating its 8-minute ramp-up takes about 35 s per 1,000. @default 1000 */
  readonly rate: number;
  /** Length of the freshness run, in seconds. @default 30 */
  readonly seconds: number;
  /** Measured rounds of the writes and handler-CPU run (after one warm-up round). @default 3 */
  readonly rounds: number;
  /** The generator's seed. @default 1 */
  readonly seed: number;
}

/** One numeric flag of a benchmark: its name, default, range and whether it is whole. */
export interface Rule {
  readonly flag: string;
  readonly fallback: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

const RULES = {
  events: { flag: 'events', fallback: '20000', min: 1_000, max: 1_000_000, integer: true },
  e2eEvents: { flag: 'e2e-events', fallback: '20000', min: 1_000, max: 1_000_000, integer: true },
  rate: { flag: 'rate', fallback: '1000', min: 10, max: 2_000, integer: false },
  seconds: { flag: 'seconds', fallback: '30', min: 5, max: 600, integer: false },
  rounds: { flag: 'rounds', fallback: '3', min: 1, max: 50, integer: true },
  seed: { flag: 'seed', fallback: '1', min: 0, max: 2_147_483_646, integer: true },
} as const satisfies Record<keyof ReportsBenchOptions, Rule>;

function read(rule: Rule, text: string): number {
  const value = Number(text);
  const ok = (rule.integer ? /^\d+$/ : /^\d+(\.\d+)?$/).test(text) && value >= rule.min && value <= rule.max;
  if (!ok) {
    const kind = rule.integer ? 'a whole number' : 'a number';
    throw new Error(`--${rule.flag} expects ${kind} from ${rule.min} to ${rule.max}, got "${text}"`);
  }
  return value;
}

/**
 * Reads and checks the flags of the reports benchmark; an unknown flag or a value out of range
 * is an error naming the flag and the value that arrived.
 *
 * @example
 * parseReportsOptions(['--seconds', '10']); // { events: 20000, e2eEvents: 20000, rate: 1000, seconds: 10, rounds: 3, seed: 1 }
 */
export function parseReportsOptions(args: readonly string[]): ReportsBenchOptions {
  return parseNumberFlags(args, RULES);
}

/**
 * Reads numeric flags by their rules (each option's key to its rule); an unknown flag or a value
 * out of range is an error naming the flag and the value that arrived.
 */
export function parseNumberFlags<K extends string>(args: readonly string[], rules: Readonly<Record<K, Rule>>): Record<K, number> {
  const byKey = rules as Readonly<Record<string, Rule>>;
  const { values } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.values(byKey).map((r) => [r.flag, { type: 'string', default: r.fallback }])) as Record<string, { type: 'string'; default: string }>,
  });
  const entries = Object.entries(byKey).map(([key, rule]) => [key, read(rule, values[rule.flag] as string)]);
  return Object.fromEntries(entries) as Record<K, number>;
}
