import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { LocalServiceOptions } from '../service';

/** An HTTP method a route can name; `ANY` matches every method, as in API Gateway. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

/** A Lambda handler behind an HTTP API route (payload format 2.0). */
export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2<unknown>>;

/**
 * One API Gateway HTTP API route and the Lambda handler it integrates with.
 *
 * @example
 * ```ts
 * const route: Route = { method: 'GET', path: '/api/reports/{report}', handler: reportsHandler };
 * ```
 */
export interface Route {
  /** The route's method; `ANY` matches all methods but loses to a route naming the method. */
  readonly method: RouteMethod;
  /**
   * The route path in API Gateway syntax: literal segments, `{name}` for one segment, and a
   * final `{name+}` for the rest of the path; or `$default` to catch every unmatched request.
   */
  readonly path: string;
  /** The handler, called with the event API Gateway would build and a Lambda context. */
  readonly handler: HttpApiHandler;
  /** The function name shown in the Lambda context. @default - derived from the route key */
  readonly functionName?: string;
}

/** One running service, as `GET /api/health` lists it. */
export interface HealthService {
  /** Its name, e.g. `kinesis`. */
  readonly name: string;
  /** The endpoint clients use, e.g. `http://127.0.0.1:4567`. */
  readonly endpoint: string;
  /** Whether it answers yet. @default true */
  readonly ready?: boolean;
}

/** What `GET /api/health` reports: 200 when `ready`, 503 before. */
export interface HealthReport {
  /** True once every service of the stack is up. */
  readonly ready: boolean;
  /** The services and their endpoints. */
  readonly services: readonly HealthService[];
  /** Anything else worth showing (versions, start time, ...). */
  readonly [key: string]: unknown;
}

/** Options of {@link startHttpApi}. */
export interface HttpApiOptions extends Pick<LocalServiceOptions, 'port' | 'host'> {
  /** The routes, matched as API Gateway matches them (most specific first). */
  readonly routes: readonly Route[];
  /** Called on every `GET /api/health`. */
  readonly health: () => HealthReport | Promise<HealthReport>;
  /** A directory served for `GET` of paths outside `/api`. @default - no static files */
  readonly staticDir?: string;
  /** Headers sent with every static file, e.g. a Content-Security-Policy. @default - none */
  readonly staticHeaders?: Readonly<Record<string, string>>;
  /** The account id in `requestContext` and the Lambda ARN. @default '000000000000' */
  readonly accountId?: string;
  /** The region in the Lambda ARN. @default 'us-east-1' */
  readonly region?: string;
  /** The API id in `requestContext.apiId`. @default 'snowline00' */
  readonly apiId?: string;
  /**
   * How long a handler may run before API Gateway answers 503. HTTP APIs allow 30 s at most.
   * @default 30000
   */
  readonly integrationTimeoutMs?: number;
  /**
   * Require this key on every `/api/*` and `/predict*` request (health included), as the
   * `x-api-key` header, `Authorization: Bearer <key>`, or the `snowline_api_key` cookie; else 401.
   * A static GET with `?key=<key>` sets that cookie (HttpOnly, SameSite=Strict) and redirects to
   * the same URL without the key, so the dashboard works in a browser opened on that URL once.
   *
   * @default - no key: every request is let in
   */
  readonly apiKey?: string;
  /**
   * Bodies larger than this get 413 before any handler runs.
   *
   * @default MAX_PAYLOAD_BYTES (10 MB, API Gateway's limit); `snowline up` sets LOCAL_MAX_BODY_BYTES (1 MiB)
   */
  readonly maxBodyBytes?: number;
}
