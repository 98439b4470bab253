/** One contender's figures over the rounds of a benchmark. */
export interface Measurement {
  /** Events per second of each round, on one core. */
  readonly rounds: readonly number[];
  /** The median of `rounds`. */
  readonly median: number;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs each contender over the same items for `rounds` rounds, interleaved (A B C, A B C, ...)
 * so that machine noise falls on all of them alike, after one warm-up round each.
 * `sink` keeps the JIT from dropping work whose result is unused.
 */
export function measureThroughput<T>(
  items: readonly T[],
  contenders: Record<string, (item: T) => unknown>,
  rounds: number,
): Record<string, Measurement> {
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  let sink = 0;
  for (let round = -1; round < rounds; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < items.length; i++) if (run(items[i]!) !== undefined) sink++;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (round >= 0) results[name]!.push(items.length / seconds);
    }
  }
  if (sink < 0) console.log(sink);
  return Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { rounds: r.map(Math.round), median: Math.round(median(r)) }]));
}
