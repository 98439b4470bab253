import type { GeneratedEvent } from '../../lib/generator';
import type { Endpoints } from '../../local/up';
import { DynamoReportStore } from '../../stores/reports';
import { distinctOutside2Percent, expectedView, hoursOf, readView, type ReportsView } from '../../test/handlers/helpers';

/** What {@link checkReports} found. */
export interface ReportsCheck {
  /** The `events` report's minute rows summed, and what the truth says. */
  readonly eventsCounted: number;
  readonly eventsExpected: number;
  /** Additive values compared (window × report × dimension, minute and hour rows). */
  readonly valuesCompared: number;
  /** Every difference, named: `minute 2026-11-22T10:03:00.000Z events/page_view: counted 101, expected 102`. */
  readonly mismatches: readonly string[];
}

/** Cents are compared, so revenue's float sums do not differ by rounding. */
const same = (report: string, a: number | undefined, e: number | undefined): boolean =>
  a === e || (report === 'revenue' && a !== undefined && e !== undefined && Math.round(a * 100) === Math.round(e * 100));

/** Every additive value of two views, both ways, and the differences. */
function compareCounts(granularity: string, actual: ReportsView, expected: ReportsView): { compared: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let compared = 0;
  const windows = new Set([...Object.keys(actual.counts), ...Object.keys(expected.counts)]);
  for (const w of [...windows].sort()) {
    const a = actual.counts[w] ?? {};
    const e = expected.counts[w] ?? {};
    for (const report of new Set([...Object.keys(a), ...Object.keys(e)]) as Set<keyof typeof a>) {
      const ad = a[report] ?? {};
      const ed = e[report] ?? {};
      for (const dimension of new Set([...Object.keys(ad), ...Object.keys(ed)])) {
        compared++;
        if (!same(report, ad[dimension], ed[dimension])) {
          mismatches.push(`${granularity} ${w} ${report}/${dimension}: counted ${ad[dimension] ?? 'nothing'}, expected ${ed[dimension] ?? 'nothing'}`);
        }
      }
    }
  }
  return { compared, mismatches };
}

/**
 * Reads every report, minute and hour rows, over the truth's hours from the stack's DynamoDB
 * (through DynamoReportStore, as the dashboard API does) and compares them with the ground truth
 * of the events the soak sent: the report suites' own readView / expectedView (the generator's
 * TruthAccumulator), every additive value exactly, distinct visitors and sessions within 2 %
 * (HyperLogLog past 3,000).
 */
export async function checkReports(endpoints: Endpoints, truth: readonly GeneratedEvent[]): Promise<ReportsCheck> {
  const store = new DynamoReportStore({ dynamodb: { endpoint: endpoints.dynamodb, region: endpoints.region } });
  try {
    const { fromMs, toMs } = hoursOf(truth);
    const mismatches: string[] = [];
    let valuesCompared = 0;
    let eventsCounted = 0;
    let eventsExpected = 0;
    for (const granularity of ['minute', 'hour'] as const) {
      const actual = await readView(store, granularity, fromMs, toMs);
      const expected = expectedView(truth, granularity);
      const counts = compareCounts(granularity, actual, expected);
      valuesCompared += counts.compared;
      mismatches.push(...counts.mismatches, ...distinctOutside2Percent(actual, expected).map((d) => `${granularity} ${d} (distinct, beyond 2 %)`));
      if (granularity === 'minute') {
        const sum = (view: ReportsView) => Object.values(view.counts).reduce((n, r) => n + Object.values(r.events ?? {}).reduce((a, b) => a + b, 0), 0);
        eventsCounted = sum(actual);
        eventsExpected = sum(expected);
      }
    }
    return { eventsCounted, eventsExpected, valuesCompared, mismatches };
  } finally {
    store.destroy();
  }
}
