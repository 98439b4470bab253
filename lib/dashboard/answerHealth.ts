import type { ReportReader } from '../reports/definitions';
import { reportHealth } from './reportHealth';
import type { ApiAnswer, HealthResponse } from './types';

/**
 * Answers `GET /api/health`: 200 with the reports' freshness (newest event time seen and the
 * pipeline lag), or 503 when the report store does not answer. The store's error goes to
 * `onError`, not to the caller, so the body never carries internal details.
 *
 * @param reader the report store.
 * @param nowMs the clock, epoch ms.
 * @param onError where a store failure is reported. @default - ignored
 * @example
 * ```ts
 * await answerHealth(reader, Date.now(), console.error);
 * // { statusCode: 200, body: { ready: true, reports: { newest_event_time: '...', updated_at: '...', lag_ms: 1750 } } }
 * ```
 */
export const answerHealth = async (reader: ReportReader, nowMs: number, onError: (error: unknown) => void = () => undefined): Promise<ApiAnswer> => {
  try {
    const body: HealthResponse = { ready: true, reports: reportHealth(await reader.freshness(), nowMs) };
    return { statusCode: 200, body };
  } catch (error) {
    onError(error);
    return { statusCode: 503, body: { ready: false, reports: null, error: 'the report store did not answer' } };
  }
};
