import type { ReportRow } from './definitions';

/** Options of {@link toReportRows}. */
export interface ReportRowsOptions {
  /** Keep only the top N dimension values (by value) of each window. @default - all */
  readonly limit?: number;
}

/**
 * Shapes rows for the API: rows of the same window and dimension (e.g. read from two buckets)
 * are added up; windows come in time order, and within a window the largest value first (ties by
 * dimension, so the order is stable); `limit` keeps the top N of each window. A report without a
 * dimension has `dimension: null` rows, one per window.
 *
 * @example
 * toReportRows([
 *   { window_start: '2026-11-22T10:01:00.000Z', dimension: 'page_view', value: 3 },
 *   { window_start: '2026-11-22T10:00:00.000Z', dimension: 'page_ping', value: 2 },
 *   { window_start: '2026-11-22T10:00:00.000Z', dimension: 'page_view', value: 5 },
 * ], { limit: 1 });
 * // [{ window_start: '2026-11-22T10:00:00.000Z', dimension: 'page_view', value: 5 },
 * //  { window_start: '2026-11-22T10:01:00.000Z', dimension: 'page_view', value: 3 }]
 */
export function toReportRows(rows: Iterable<ReportRow>, options: ReportRowsOptions = {}): ReportRow[] {
  const byWindow = new Map<string, Map<string | null, number>>();
  for (const row of rows) {
    let dimensions = byWindow.get(row.window_start);
    if (dimensions === undefined) byWindow.set(row.window_start, (dimensions = new Map()));
    dimensions.set(row.dimension, (dimensions.get(row.dimension) ?? 0) + row.value);
  }
  const limit = options.limit ?? Infinity;
  const out: ReportRow[] = [];
  for (const window of [...byWindow.keys()].sort()) {
    const entries = [...byWindow.get(window)!].sort(([da, va], [db, vb]) => vb - va || compareDimensions(da, db));
    for (const [dimension, value] of entries.slice(0, limit)) out.push({ window_start: window, dimension, value });
  }
  return out;
}

function compareDimensions(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
