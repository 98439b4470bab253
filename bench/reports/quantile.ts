/**
 * The q-quantile (0 to 1) of some numbers by the nearest-rank method: the smallest value with at
 * least q of the values at or below it, so p99 of 300 batches is the third largest. NaN when empty.
 *
 * @example
 * quantile([5, 1, 3], 0.5); // 3
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
