import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HTTP_API_DEFAULTS } from './constants';
import { isTextContentType } from './isTextContentType';
import type { RouteMatch } from './routeTable';

/** What, beside the request itself, goes into an HTTP API event. */
export interface EventContext {
  readonly match: RouteMatch;
  readonly body: Buffer;
  readonly accountId: string;
  readonly apiId: string;
  /** API Gateway's request id, also sent back as `apigw-requestid`. */
  readonly requestId: string;
  /** The port the local server listens on, for `x-forwarded-port`. */
  readonly serverPort: number;
  readonly now: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, the CLF time API Gateway puts in `requestContext.time`. */
export const formatRequestTime = (date: Date): string =>
  `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;

const sourceIpOf = (request: IncomingMessage): string => {
  const address = request.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
};

const traceId = (now: Date): string => {
  const seconds = Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0');
  const random = Array.from({ length: 24 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `Root=1-${seconds}-${random}`;
};

/** Lower-cased headers with repeats comma-joined; `cookie` moves to `cookies`, as in 2.0. */
const headersOf = (request: IncomingMessage, context: EventContext, sourceIp: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (name === 'cookie' || values === undefined) continue;
    headers[name] = values.join(',');
  }
  const forwarded = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwarded ? `${forwarded}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-port'] = String(context.serverPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(context.now);
  return headers;
};

const cookiesOf = (request: IncomingMessage): string[] =>
  (request.headersDistinct.cookie ?? [])
    .flatMap((header) => header.split(';'))
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '');

const queryOf = (rawQueryString: string): Record<string, string> | undefined => {
  if (rawQueryString === '') return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return params;
};

/**
 * Builds the API Gateway HTTP API (payload format 2.0) event for one request.
 *
 * Fields API Gateway leaves out when empty (`cookies`, `queryStringParameters`,
 * `pathParameters`, `body`) are left out here too.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export const buildEvent = (request: IncomingMessage, context: EventContext): APIGatewayProxyEventV2 => {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);
  const sourceIp = sourceIpOf(request);
  const headers = headersOf(request, context, sourceIp);
  const cookies = cookiesOf(request);
  const queryStringParameters = queryOf(rawQueryString);
  const domainName = headers.host ?? `${context.apiId}.execute-api.${HTTP_API_DEFAULTS.region}.amazonaws.com`;
  const hasBody = context.body.length > 0;
  const isBase64Encoded = hasBody && !isTextContentType(headers['content-type']);
  return {
    version: '2.0',
    routeKey: context.match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName,
      domainPrefix: domainName.split(':')[0]?.split('.')[0] ?? domainName,
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.match.routeKey,
      stage: HTTP_API_DEFAULTS.stage,
      time: formatRequestTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...(hasBody ? { body: context.body.toString(isBase64Encoded ? 'base64' : 'utf8') } : {}),
    ...(context.match.pathParameters ? { pathParameters: context.match.pathParameters } : {}),
    isBase64Encoded,
  };
};
