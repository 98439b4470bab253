import { parseNumberFlags, type Rule } from '../reports/options';
import type { InjectedFault, SoakOptions } from './types';

const RULES = {
  minutes: { flag: 'minutes', fallback: '10', min: 0.25, max: 240, integer: false },
  rate: { flag: 'rate', fallback: '1000', min: 1, max: 5_000, integer: false },
  seed: { flag: 'seed', fallback: '1', min: 0, max: 2_147_483_646, integer: true },
  drainSeconds: { flag: 'drain-seconds', fallback: '120', min: 5, max: 3_600, integer: false },
  maxLagSeconds: { flag: 'max-lag-seconds', fallback: '30', min: 1, max: 3_600, integer: false },
} as const satisfies Record<string, Rule>;

/** The usage line of `npm run soak`. */
export const SOAK_USAGE =
  'usage: npm run soak -- [--minutes M] [--rate R] [--seed S] [--data-dir DIR] [--json] [--drain-seconds S] [--max-lag-seconds S] [--inject drop:N|double:N]';

/** Reads `--inject drop:N` / `double:N`, or says what it expects. */
function parseFault(text: string): InjectedFault {
  const match = /^(drop|double):(\d+)$/.exec(text);
  const every = Number(match?.[2]);
  if (match === null || !(every >= 1 && every <= 1_000_000)) {
    throw new Error(`--inject expects drop:N or double:N (N from 1 to 1000000: every Nth event), got "${text}"`);
  }
  return { kind: match[1] as InjectedFault['kind'], every };
}

/**
 * Reads and checks the flags of `npm run soak`; an unknown flag or a value out of range is an
 * error naming the flag and the value that arrived. The numeric flags follow the benchmarks'
 * rules (parseNumberFlags).
 *
 * @example
 * parseSoakOptions(['--minutes', '0.5', '--rate', '100']);
 * // { minutes: 0.5, rate: 100, seed: 1, dataDir: undefined, json: false, drainSeconds: 120, maxLagSeconds: 30, inject: undefined }
 */
export function parseSoakOptions(args: readonly string[]): SoakOptions {
  const numeric: string[] = [];
  let dataDir: string | undefined;
  let json = false;
  let inject: InjectedFault | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new Error(`${flag} expects a value`);
      return v;
    };
    if (flag === '--json') json = true;
    else if (flag === '--data-dir') dataDir = value();
    else if (flag === '--inject') inject = parseFault(value());
    else if (flag === '--help' || flag === '-h') throw new Error(SOAK_USAGE);
    else numeric.push(arg);
  }
  return { ...parseNumberFlags(numeric, RULES), dataDir, json, inject };
}
