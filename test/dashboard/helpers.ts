import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The payload format 2.0 event API Gateway sends for a GET of `rawPath`, matched by `routeKey`.
 * Only what the dashboard API reads differs from call to call.
 */
export const apiEvent = (
  routeKey: string,
  rawPath: string,
  query?: Record<string, string>,
  pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey,
  rawPath,
  rawQueryString: new URLSearchParams(query).toString(),
  headers: { host: 'api.example.com' },
  ...(query === undefined ? {} : { queryStringParameters: query }),
  ...(pathParameters === undefined ? {} : { pathParameters }),
  isBase64Encoded: false,
  requestContext: {
    accountId: '000000000000',
    apiId: 'snowline00',
    domainName: 'api.example.com',
    domainPrefix: 'api',
    http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
    requestId: 'req-1',
    routeKey,
    stage: '$default',
    time: '22/Nov/2026:10:41:30 +0000',
    timeEpoch: Date.parse('2026-11-22T10:41:30Z'),
  },
});

/** A GET of a report, as API Gateway routes it to `GET /api/reports/{report}`. */
export const reportEvent = (report: string, query?: Record<string, string>): APIGatewayProxyEventV2 =>
  apiEvent('GET /api/reports/{report}', `/api/reports/${encodeURIComponent(report)}`, query, { report });

/** A GET of `/api/health`. */
export const healthEvent = (): APIGatewayProxyEventV2 => apiEvent('GET /api/health', '/api/health');
