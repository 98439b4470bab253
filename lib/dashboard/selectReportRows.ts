import type { ReportRow } from '../reports/definitions';

/** What {@link selectReportRows} keeps. */
export interface RowSelection {
  /** Keep only rows with this dimension value. @default - every value */
  readonly dimension?: string;
  /** Keep the top N rows (by value) of each window. @default - all of them */
  readonly limit?: number;
}

const compareDimensions = (a: string | null, b: string | null): number => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
};

/**
 * Orders a report's rows as the API answers them: by window_start, then value descending,
 * then dimension (by code unit, null first) so ties come out the same every time; keeps one
 * dimension value when asked, and the top `limit` rows of each window. The input is not changed.
 *
 * @example
 * ```ts
 * selectReportRows(rows, { limit: 1 });
 * // the row with the highest value of each window, windows in time order
 * ```
 */
export const selectReportRows = (rows: readonly ReportRow[], selection: RowSelection = {}): ReportRow[] => {
  const { dimension, limit } = selection;
  const kept = dimension === undefined ? [...rows] : rows.filter((row) => row.dimension === dimension);
  kept.sort(
    (a, b) =>
      (a.window_start < b.window_start ? -1 : a.window_start > b.window_start ? 1 : 0) ||
      b.value - a.value ||
      compareDimensions(a.dimension, b.dimension),
  );
  if (limit === undefined) return kept;
  const out: ReportRow[] = [];
  let window: string | undefined;
  let taken = 0;
  for (const row of kept) {
    if (row.window_start !== window) {
      window = row.window_start;
      taken = 0;
    }
    if (taken < limit) {
      out.push(row);
      taken += 1;
    }
  }
  return out;
};
