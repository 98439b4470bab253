// The dashboard API, same origin: GET /api/reports/{report} and GET /api/health.

const TIMEOUT_MS = 10_000;

/** Where the tab keeps the signed-in person's access token. */
const TOKEN_KEY = 'snowline.accessToken';

/**
 * The access token of a person signed in on the dashboard's hosted sign-in page (on AWS, the API
 * requires one): the sign-in sends them back with `#access_token=…`, which is kept for the tab's
 * session and removed from the address bar. Locally there is none and none is sent.
 * @returns {string | null}
 */
const accessToken = () => {
  const fresh = new URLSearchParams(location.hash.slice(1)).get('access_token');
  if (fresh) {
    sessionStorage.setItem(TOKEN_KEY, fresh);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
};

/**
 * GETs a JSON document; rejects with the API's message on an error status.
 * @param {string} url
 */
const getJson = async (url) => {
  const token = accessToken();
  const headers = token ? { accept: 'application/json', authorization: `Bearer ${token}` } : { accept: 'application/json' };
  const response = await fetch(url, { headers, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
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
