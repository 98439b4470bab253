import type { ReportReader } from '../reports/definitions';
import { toReportRows } from '../reports/toReportRows';
import { DashboardApiError } from './errors';
import { parseReportRequest, type QueryStringParameters } from './parseReportRequest';
import type { ApiAnswer, ReportResponse } from './types';

/**
 * Answers `GET /api/reports/{report}`: validates the request, reads the report's windows in
 * the range, keeps the dimension asked for, and orders and limits the rows with `toReportRows`
 * (lib/reports): by window_start, then value descending, then dimension, the top `limit` of
 * each window. A bad request is answered with its status (400 naming the parameter, 404 for an
 * unknown report) and changes nothing.
 *
 * @param reader the report store.
 * @param report the `{report}` path parameter.
 * @param query the query string parameters.
 * @param nowMs the clock, epoch ms (the default `to`).
 * @throws whatever the reader throws: a store failure is the caller's to report (500).
 * @example
 * ```ts
 * await answerReport(reader, 'visitors', { granularity: 'hour' }, Date.now());
 * // { statusCode: 200, body: { report: 'visitors', granularity: 'hour', rows: [...] } }
 * ```
 */
export const answerReport = async (
  reader: ReportReader,
  report: string | undefined,
  query: QueryStringParameters,
  nowMs: number,
): Promise<ApiAnswer> => {
  let request;
  try {
    request = parseReportRequest(report, query, nowMs);
  } catch (error) {
    if (error instanceof DashboardApiError) return { statusCode: error.statusCode, body: error.toBody() };
    throw error;
  }
  const { granularity, fromMs, toMs, dimension, limit } = request;
  const rows = await reader.query({ report: request.report, granularity, fromMs, toMs });
  // The filter comes first, so `limit` counts only the rows of the dimension asked for.
  const kept = dimension === undefined ? rows : rows.filter((row) => row.dimension === dimension);
  const selected = toReportRows(kept, limit === undefined ? {} : { limit });
  const body: ReportResponse = { report: request.report, granularity, rows: selected };
  return { statusCode: 200, body };
};
