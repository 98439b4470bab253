/** Types of the dashboard API: a validated request, and the bodies it answers with. */
import type { Granularity, ReportName, ReportRow } from '../reports/definitions';

/** A report request once validated, with its defaults filled in. */
export interface ReportRequest {
  readonly report: ReportName;
  readonly granularity: Granularity;
  /** Inclusive start, epoch ms: windows starting at or after it are returned. */
  readonly fromMs: number;
  /** Exclusive end, epoch ms. */
  readonly toMs: number;
  /** Keep only this dimension value. @default - every value */
  readonly dimension?: string;
  /** Keep the top N dimensions of each window. @default - all of them */
  readonly limit?: number;
}

/**
 * The body of `GET /api/reports/{report}`.
 *
 * @example
 * ```json
 * { "report": "page_views", "granularity": "minute",
 *   "rows": [ { "window_start": "2026-11-22T10:41:00.000Z", "dimension": "/products/42", "value": 17 } ] }
 * ```
 */
export interface ReportResponse {
  readonly report: ReportName;
  readonly granularity: Granularity;
  /** Ordered by window_start, then value descending, then dimension. */
  readonly rows: readonly ReportRow[];
}

/** How fresh the reports are, as `GET /api/health` shows it under `reports`. */
export interface ReportHealth {
  /** The newest event time counted in any report, ISO-8601 UTC, or null before the first event. */
  readonly newest_event_time: string | null;
  /** When the reports were last written, ISO-8601 UTC, or null. */
  readonly updated_at: string | null;
  /** Now minus the newest event time, in ms (the pipeline lag), or null before the first event. */
  readonly lag_ms: number | null;
}

/**
 * The body of `GET /api/health` as the dashboard API Lambda serves it.
 *
 * @example
 * ```json
 * { "ready": true, "reports": { "newest_event_time": "2026-11-22T10:41:07.250Z",
 *   "updated_at": "2026-11-22T10:41:08.004Z", "lag_ms": 1750 } }
 * ```
 */
export interface HealthResponse {
  readonly ready: true;
  readonly reports: ReportHealth;
}

/** An answer of the API before it becomes an HTTP response: a status and a JSON body. */
export interface ApiAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}
