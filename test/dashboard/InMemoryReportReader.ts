import type { Granularity, ReportFreshness, ReportName, ReportQuery, ReportReader, ReportRow } from '../../lib/reports';

/** A row as tests write it: a report and granularity beside the API's row. */
export interface StoredRow extends ReportRow {
  readonly report: ReportName;
  readonly granularity: Granularity;
}

/**
 * A {@link ReportReader} over rows held in memory, whose data a test changes while a server
 * reads it. Rows come back in reverse insertion order, so nothing relies on the store's order.
 */
export class InMemoryReportReader implements ReportReader {
  private rows: StoredRow[] = [];
  private fresh: ReportFreshness = { newestEventTimeMs: null, updatedAtMs: null };
  /** Every query received, oldest first. */
  readonly queries: ReportQuery[] = [];
  /** When set, query() and freshness() reject with it. */
  failWith: Error | undefined;

  /** Replaces every row and the freshness. */
  set(rows: readonly StoredRow[], freshness: ReportFreshness = this.fresh): void {
    this.rows = [...rows];
    this.fresh = freshness;
  }

  /** Adds rows, or adds to the value of a row with the same key. */
  add(rows: readonly StoredRow[], freshness: ReportFreshness = this.fresh): void {
    for (const row of rows) {
      const i = this.rows.findIndex(
        (r) => r.report === row.report && r.granularity === row.granularity && r.window_start === row.window_start && r.dimension === row.dimension,
      );
      if (i === -1) this.rows.push(row);
      else this.rows[i] = { ...row, value: this.rows[i]!.value + row.value };
    }
    this.fresh = freshness;
  }

  async query(q: ReportQuery): Promise<ReportRow[]> {
    this.queries.push(q);
    if (this.failWith) throw this.failWith;
    return this.rows
      .filter((r) => r.report === q.report && r.granularity === q.granularity)
      .filter((r) => Date.parse(r.window_start) >= q.fromMs && Date.parse(r.window_start) < q.toMs)
      .map(({ window_start, dimension, value }) => ({ window_start, dimension, value }))
      .reverse();
  }

  async freshness(): Promise<ReportFreshness> {
    if (this.failWith) throw this.failWith;
    return this.fresh;
  }
}
