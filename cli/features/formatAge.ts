/**
 * A duration in ms as people read an age: the two largest units, `42s`, `3m 12s`, `2h 5m`,
 * `3d 4h`, rounded down.
 *
 * @example
 * ```ts
 * formatDuration(192_400); // '3m 12s'
 * ```
 */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const [d, h, m, s] = [Math.floor(seconds / 86_400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/**
 * How old a record is, from its event time: `3m 12s ago`, or `1m 5s in the future` when the
 * writer's clock ran ahead of this one.
 */
export function formatAge(eventTimeMs: number, nowMs: number): string {
  const age = nowMs - eventTimeMs;
  return age < 0 ? `${formatDuration(age)} in the future` : `${formatDuration(age)} ago`;
}
