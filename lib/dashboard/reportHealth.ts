import type { ReportFreshness } from '../reports/definitions';
import type { ReportHealth } from './types';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The reports' freshness as health shows it: the newest event time counted, when the reports
 * were last written, and the pipeline lag (now minus the newest event time, never below 0 so a
 * device clock running ahead does not show a negative lag).
 *
 * @example
 * ```ts
 * reportHealth({ newestEventTimeMs: Date.parse('2026-11-22T10:41:07.250Z'), updatedAtMs: null }, Date.parse('2026-11-22T10:41:09Z'));
 * // { newest_event_time: '2026-11-22T10:41:07.250Z', updated_at: null, lag_ms: 1750 }
 * ```
 */
export const reportHealth = (freshness: ReportFreshness, nowMs: number): ReportHealth => ({
  newest_event_time: iso(freshness.newestEventTimeMs),
  updated_at: iso(freshness.updatedAtMs),
  lag_ms: freshness.newestEventTimeMs === null ? null : Math.max(0, nowMs - freshness.newestEventTimeMs),
});
