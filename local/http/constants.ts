/** API Gateway's limits and fixed answers, as the local HTTP API reproduces them. */

/** HTTP APIs refuse request bodies over 10 MB. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

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
} as const;
