/**
 * The real-time reports, declared once: the handler aggregates from these, the API serves them,
 * the dashboard lists them and the tests compare them with the generator's truth.
 */

/** Window sizes, UTC, over event time. */
export const GRANULARITIES = ['minute', 'hour'] as const;
/** One of {@link GRANULARITIES}. */
export type Granularity = (typeof GRANULARITIES)[number];

/** How a report's value is computed. */
export const MEASURES = ['count', 'sum', 'distinct'] as const;
/** One of {@link MEASURES}. */
export type Measure = (typeof MEASURES)[number];

/** One report. */
export interface ReportDefinition {
  /** What the value means, for the API and the dashboard. */
  readonly description: string;
  /** The dimension's name, or null for a report with a single value per window. */
  readonly dimension: string | null;
  /** count (events), sum (of a field) or distinct (of a field, HyperLogLog). */
  readonly measure: Measure;
  /** How many items a window's dimensions are spread over, so one update always fits. */
  readonly buckets: number;
}

/** The reports of issue #4, with their dimensions and values. */
export const REPORTS = {
  events: { description: 'events by event_name', dimension: 'event_name', measure: 'count', buckets: 1 },
  page_views: { description: 'page_view events by page_urlpath', dimension: 'page_urlpath', measure: 'count', buckets: 16 },
  visitors: { description: 'distinct domain_userid', dimension: null, measure: 'distinct', buckets: 1 },
  sessions: { description: 'distinct domain_sessionid', dimension: null, measure: 'distinct', buckets: 1 },
  revenue: { description: 'sum of tr_total over transaction events by tr_currency', dimension: 'tr_currency', measure: 'sum', buckets: 1 },
  orders: { description: 'transaction events by tr_currency', dimension: 'tr_currency', measure: 'count', buckets: 1 },
  referrers: { description: 'page_view events by refr_medium/refr_source', dimension: 'referrer', measure: 'count', buckets: 4 },
  countries: { description: 'events by geo_country', dimension: 'geo_country', measure: 'count', buckets: 2 },
} as const satisfies Record<string, ReportDefinition>;

/** The name of a report. */
export type ReportName = keyof typeof REPORTS;

/** Every report name, in the order the dashboard shows them. */
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

/** One row of a report, as the API returns it. */
export interface ReportRow {
  /** The window's start, ISO-8601 UTC. */
  readonly window_start: string;
  /** The dimension's value, or null for a report without a dimension. */
  readonly dimension: string | null;
  readonly value: number;
}

/** What the API asks the store for. */
export interface ReportQuery {
  readonly report: ReportName;
  readonly granularity: Granularity;
  /** Inclusive start of the first window, epoch ms. */
  readonly fromMs: number;
  /** Exclusive end, epoch ms. */
  readonly toMs: number;
}

/** How fresh the reports are. */
export interface ReportFreshness {
  /** The newest event time counted in any report, epoch ms, or null before the first event. */
  readonly newestEventTimeMs: number | null;
  /** When that batch was written, epoch ms, or null. */
  readonly updatedAtMs: number | null;
}

/** The read side of the report store, as the dashboard API uses it. */
export interface ReportReader {
  /** The rows of a report in [fromMs, toMs), in no particular order. */
  query(query: ReportQuery): Promise<ReportRow[]>;
  /** The newest event time counted, for health and the freshness indicator. */
  freshness(): Promise<ReportFreshness>;
}
