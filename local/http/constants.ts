/** API Gateway's limits and fixed answers, as the local HTTP API reproduces them. */

/** HTTP APIs refuse request bodies over 10 MB: the default `maxBodyBytes` of `startHttpApi`. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The body limit `snowline up` gives its HTTP API: 1 MiB. An inference batch of 100 users is a
 * few kilobytes; anything near this is a mistake or an attack, refused with 413 before a handler runs.
 */
export const LOCAL_MAX_BODY_BYTES = 1024 * 1024;

/** The request header that carries the API key (as API Gateway's API keys). */
export const API_KEY_HEADER = 'x-api-key';

/** The cookie that carries the API key for the dashboard in a browser (HttpOnly, SameSite=Strict). */
export const API_KEY_COOKIE = 'snowline_api_key';

/** The query parameter of a dashboard URL that hands the key to the browser once: `/?key=<key>`. */
export const API_KEY_QUERY = 'key';

/** The file in the data dir that holds the local API key (mode 0600). */
export const API_KEY_FILE = 'api-key';

/** HTTP API integrations time out after 30 seconds at most. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 30_000;

/** Defaults for the ids API Gateway and Lambda put in events and contexts. */
export const HTTP_API_DEFAULTS = {
  accountId: '000000000000',
  region: 'us-east-1',
  apiId: 'snowline00',
  stage: '$default',
  memoryLimitInMB: '128',
} as const;

/** The path of the built-in health check. */
export const HEALTH_PATH = '/api/health';

/** The bodies API Gateway answers with when it, not the integration, decides the response. */
export const GATEWAY_RESPONSES = {
  notFound: { status: 404, body: { message: 'Not Found' } },
  internalError: { status: 500, body: { message: 'Internal Server Error' } },
  tooLarge: { status: 413, body: { message: 'Request Entity Too Large' } },
  timeout: { status: 503, body: { message: 'Service Unavailable' } },
  unauthorized: { status: 401, body: { message: 'Unauthorized: send the API key as x-api-key or Authorization: Bearer <key>' } },
} as const;
