// The dashboard API, same origin: GET /api/reports/{report} and GET /api/health.

const TIMEOUT_MS = 10_000;

/**
 * GETs a JSON document; rejects with the API's message on an error status.
 * @param {string} url
 */
const getJson = async (url) => {
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${body?.message ?? response.statusText}`);
  return body;
};

/**
 * The rows of one report.
 * @param {string} report
 * @param {Record<string, string>} params from, to, granularity, dimension, limit
 * @returns {Promise<Array<{window_start: string, dimension: string | null, value: number}>>}
 */
export const fetchReport = async (report, params) => {
  const body = await getJson(`/api/reports/${encodeURIComponent(report)}?${new URLSearchParams(params)}`);
  return body.rows;
};

/**
 * The health document; `reports` holds newest_event_time and lag_ms.
 * @returns {Promise<{reports?: {newest_event_time: string | null, lag_ms: number | null} | null}>}
 */
export const fetchHealth = () => getJson('/api/health');
