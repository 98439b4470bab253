import { GRANULARITIES } from './definitions';
import { measureEvent } from './measureEvent';
import type { ReportEvent } from './types';

/**
 * How many writes a naive report writer would make for these events: one update per event, per
 * report it adds to, per granularity (no batching, no sketches merged in memory). The benchmark
 * compares the store's measured writes with this.
 *
 * @example
 * naiveWriteCount(events) / events.length * 1000; // writes per 1,000 events, about 10
 */
export function naiveWriteCount(events: Iterable<ReportEvent>): number {
  let writes = 0;
  for (const event of events) {
    const { counts, distinct } = measureEvent(event);
    writes += (counts.length + distinct.length) * GRANULARITIES.length;
  }
  return writes;
}
