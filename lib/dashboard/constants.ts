/** Limits and defaults of the dashboard API. */
import type { Granularity } from '../reports/definitions';

/**
 * The most windows one request may span: a day of minutes, a 31-day month of hours, so one
 * answer stays a few hundred kilobytes at most.
 */
export const MAX_WINDOWS = {
  minute: 1_440,
  hour: 744,
} as const satisfies Record<Granularity, number>;

/** How far back `from` lies from `to` when only `to` (or neither) is given: one hour. */
export const DEFAULT_RANGE_MS = 3_600_000;

/** The granularity when none is asked for. */
export const DEFAULT_GRANULARITY: Granularity = 'minute';

/** The largest `limit`: more dimensions than any window holds in practice. */
export const MAX_LIMIT = 1_000;

/** The query string parameters of `GET /api/reports/{report}`, in the order errors are checked. */
export const REPORT_QUERY_PARAMETERS = ['from', 'to', 'granularity', 'dimension', 'limit'] as const;

/** One of {@link REPORT_QUERY_PARAMETERS}. */
export type ReportQueryParameter = (typeof REPORT_QUERY_PARAMETERS)[number];

/** The routes the dashboard API serves, as API Gateway route keys (method and path). */
export const DASHBOARD_API_ROUTES = {
  report: { method: 'GET', path: '/api/reports/{report}' },
  health: { method: 'GET', path: '/api/health' },
} as const;

/** Headers of every API answer: JSON, never cached (the numbers change every second). */
export const API_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
} as const;
