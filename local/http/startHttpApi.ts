import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LocalService } from '../service';
import { buildContext, functionNameFor } from './buildContext';
import { buildEvent } from './buildEvent';
import { closeServer } from './closeServer';
import { DEFAULT_INTEGRATION_TIMEOUT_MS, GATEWAY_RESPONSES, HEALTH_PATH, HTTP_API_DEFAULTS, MAX_PAYLOAD_BYTES } from './constants';
import { carriesKey, isProtectedPath, keyCookie, sameKey } from './apiKey';
import { API_KEY_QUERY } from './constants';
import { PayloadTooLargeError } from './errors';
import { listen } from './listen';
import { readBody } from './readBody';
import { RouteTable, type RouteMatch } from './routeTable';
import { serveStatic } from './serveStatic';
import { toHttpResponse, type HttpResponse } from './toHttpResponse';
import type { HttpApiOptions } from './types';

/** The running local HTTP API. */
export interface HttpApiService extends LocalService {
  /** The port it listens on. */
  readonly port: number;
}

/** Options beyond {@link HttpApiOptions} that tests and the orchestrator may set. */
export interface HttpApiRuntimeOptions extends HttpApiOptions {
  /** Where a handler's error is reported (Lambda would log it). @default console.error */
  readonly onHandlerError?: (error: unknown, routeKey: string) => void;
}

const json = (status: number, body: unknown): HttpResponse => ({
  statusCode: status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});

const send = (response: ServerResponse, method: string, requestId: string, result: HttpResponse): void => {
  response.writeHead(result.statusCode, { ...result.headers, 'content-length': result.body.length, 'apigw-requestid': requestId });
  response.end(method === 'HEAD' ? undefined : result.body);
};

const gateway = (kind: keyof typeof GATEWAY_RESPONSES): HttpResponse =>
  json(GATEWAY_RESPONSES[kind].status, GATEWAY_RESPONSES[kind].body);

class IntegrationTimeout extends Error {}

/**
 * A static GET with `?key=`: the right key is set as the HttpOnly cookie and the browser sent back
 * to the URL without it (303); a wrong one is 401. Returns whether it answered.
 */
const handToBrowser = (request: IncomingMessage, response: ServerResponse, apiKey: string, requestId: string): boolean => {
  const url = new URL(request.url ?? '/', 'http://local');
  const presented = url.searchParams.get(API_KEY_QUERY);
  if (presented === null) return false;
  if (!sameKey(presented, apiKey)) {
    send(response, request.method ?? 'GET', requestId, gateway('unauthorized'));
    return true;
  }
  url.searchParams.delete(API_KEY_QUERY);
  response.writeHead(303, { location: `${url.pathname}${url.search}`, 'set-cookie': keyCookie(apiKey), 'content-length': 0, 'apigw-requestid': requestId });
  response.end();
  return true;
};

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntegrationTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/**
 * Starts the local stand-in for API Gateway HTTP API: each request becomes the payload
 * format 2.0 event AWS would build, goes to the matching route's handler, and the handler's
 * result comes back as API Gateway would send it.
 *
 * Built in: `GET /api/health` (200 with the report once ready, 503 before). Without a route:
 * static files from `staticDir` for GET outside `/api`, else 404 `{"message":"Not Found"}`.
 * A handler that throws or returns a malformed result gives 500 `{"message":"Internal Server
 * Error"}`; one that overruns the integration timeout 503; a body over `maxBodyBytes` (default
 * 10 MB) 413 before the handler runs. With `apiKey`, `/api/*` and `/predict*` answer 401 without
 * the key (header, bearer token or cookie), and a static `GET /?key=<key>` hands the key to the
 * browser as an HttpOnly, SameSite=Strict cookie.
 *
 * @throws InvalidRouteError for a route that is not API Gateway syntax.
 * @throws PortInUseError when the port is taken.
 * @example
 * ```ts
 * const api = await startHttpApi({ port: 3000, routes, health: () => ({ ready: true, services: [] }) });
 * ```
 */
export const startHttpApi = async (options: HttpApiRuntimeOptions): Promise<HttpApiService> => {
  const routes = new RouteTable(options.routes);
  const accountId = options.accountId ?? HTTP_API_DEFAULTS.accountId;
  const region = options.region ?? HTTP_API_DEFAULTS.region;
  const apiId = options.apiId ?? HTTP_API_DEFAULTS.apiId;
  const timeoutMs = options.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_PAYLOAD_BYTES;
  const { apiKey } = options;
  const onHandlerError = options.onHandlerError ?? ((error, routeKey) => console.error(`[http] ${routeKey} failed:`, error));
  let serverPort = 0;

  const health = async (): Promise<HttpResponse> => {
    try {
      const report = await options.health();
      return json(report.ready ? 200 : 503, report);
    } catch (error) {
      return json(503, { ready: false, services: [], error: error instanceof Error ? error.message : String(error) });
    }
  };

  const invoke = async (request: IncomingMessage, match: RouteMatch, requestId: string): Promise<HttpResponse> => {
    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) return gateway('tooLarge');
      throw error;
    }
    const now = new Date();
    const event = buildEvent(request, { match, body, accountId, apiId, requestId, serverPort, now });
    const functionName = match.route.functionName ?? functionNameFor(match.routeKey);
    const context = buildContext({ functionName, accountId, region, deadline: now.getTime() + timeoutMs, now });
    try {
      return toHttpResponse(await withTimeout(Promise.resolve().then(() => match.route.handler(event, context)), timeoutMs));
    } catch (error) {
      if (error instanceof IntegrationTimeout) return gateway('timeout');
      onHandlerError(error, match.routeKey);
      return gateway('internalError');
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomBytes(11).toString('base64');
    const method = request.method ?? 'GET';
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    if (apiKey !== undefined && isProtectedPath(rawPath) && !carriesKey(request, apiKey)) {
      request.resume();
      send(response, method, requestId, gateway('unauthorized'));
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && rawPath === HEALTH_PATH) {
      request.resume();
      send(response, method, requestId, await health());
      return;
    }
    const match = routes.match(method, rawPath);
    if (match) {
      send(response, method, requestId, await invoke(request, match, requestId));
      return;
    }
    request.resume();
    const isStatic = options.staticDir && (method === 'GET' || method === 'HEAD') && !/^\/api(\/|$)/.test(rawPath);
    if (isStatic && apiKey !== undefined && handToBrowser(request, response, apiKey, requestId)) return;
    if (isStatic && (await serveStatic(options.staticDir as string, rawPath, method, response, options.staticHeaders))) return;
    send(response, method, requestId, gateway('notFound'));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      onHandlerError(error, 'local http api');
      if (!response.headersSent) send(response, request.method ?? 'GET', randomBytes(11).toString('base64'), gateway('internalError'));
      else response.destroy();
    });
  });
  const { port, url } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  serverPort = port;
  return { name: 'http', endpoint: url, port, close: () => closeServer(server) };
};
