import type { Granularity } from './definitions';

/** The length of each granularity's window, ms. */
export const WINDOW_MS = { minute: 60_000, hour: 3_600_000 } as const satisfies Record<Granularity, number>;

/**
 * The start of the UTC window of a granularity that holds an instant, epoch ms.
 *
 * @example
 * windowStart(Date.parse('2026-11-22T10:03:59.999Z'), 'minute'); // 2026-11-22T10:03:00.000Z in ms
 */
export function windowStart(timeMs: number, granularity: Granularity): number {
  const size = WINDOW_MS[granularity];
  return Math.floor(timeMs / size) * size;
}
