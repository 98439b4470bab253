import { buildCatalog, type Catalog } from './catalog';
import { DEFAULT_SEED, DEFAULT_SESSIONS_PER_MINUTE, DEFAULT_START, DEFAULT_USERS } from './constants';
import { InvalidGeneratorOptionError } from './errors';
import type { GenerateOptions } from './types';

/** {@link GenerateOptions} with every default filled in and every range checked. */
export interface ResolvedOptions {
  readonly events: number;
  readonly seed: number;
  readonly startMs: number;
  readonly users: number;
  readonly sessionsPerMinute: number;
  readonly lateRatio: number;
  readonly duplicateRatio: number;
  readonly catalog: Catalog;
}

function ratio(name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new InvalidGeneratorOptionError(name, value, 'a ratio between 0 and 1');
  return value;
}

/** Fills in defaults and checks ranges; throws {@link InvalidGeneratorOptionError} naming the option. */
export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const events = options.events ?? Infinity;
  if (events !== Infinity && (!Number.isSafeInteger(events) || events < 0)) {
    throw new InvalidGeneratorOptionError('events', events, 'a whole number of at least 0, or Infinity');
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidGeneratorOptionError('seed', seed, 'a whole number of at least 0');
  const startMs = options.start instanceof Date ? options.start.getTime() : (options.start ?? DEFAULT_START);
  if (!Number.isSafeInteger(startMs)) throw new InvalidGeneratorOptionError('start', options.start, 'a valid date or epoch milliseconds');
  const users = options.users ?? DEFAULT_USERS;
  if (!Number.isSafeInteger(users) || users < 1 || users > 1_000_000) {
    throw new InvalidGeneratorOptionError('users', users, 'a whole number from 1 to 1000000');
  }
  const sessionsPerMinute = options.sessionsPerMinute ?? DEFAULT_SESSIONS_PER_MINUTE;
  if (typeof sessionsPerMinute !== 'number' || !(sessionsPerMinute >= 0.01 && sessionsPerMinute <= 100_000)) {
    throw new InvalidGeneratorOptionError('sessionsPerMinute', sessionsPerMinute, 'a number from 0.01 to 100000');
  }
  const lateRatio = ratio('lateRatio', options.lateRatio ?? 0);
  const duplicateRatio = ratio('duplicateRatio', options.duplicateRatio ?? 0);
  if (lateRatio + duplicateRatio >= 1) {
    throw new InvalidGeneratorOptionError('lateRatio + duplicateRatio', lateRatio + duplicateRatio, 'a sum below 1 (some lines must be new, on-time events)');
  }
  return { events, seed, startMs, users, sessionsPerMinute, lateRatio, duplicateRatio, catalog: options.catalog ?? buildCatalog() };
}
