import { InvalidRouteError } from './errors';
import type { Route } from './types';

/** A route that matched a request, with the path parameters it captured. */
export interface RouteMatch {
  readonly route: Route;
  /** `GET /api/reports/{report}`, or `$default`. */
  readonly routeKey: string;
  /** Decoded path parameters; absent when the route has none, as in the event. */
  readonly pathParameters?: Record<string, string>;
}

type Segment = { readonly kind: 'literal'; readonly value: string } | { readonly kind: 'param' | 'greedy'; readonly name: string };

interface CompiledRoute {
  readonly route: Route;
  readonly routeKey: string;
  readonly segments: readonly Segment[];
  readonly isDefault: boolean;
}

const PARAM = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);

const compile = (route: Route): CompiledRoute => {
  const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
  if (!METHODS.has(route.method)) throw new InvalidRouteError(routeKey, `unknown method "${route.method}".`);
  if (route.path === '$default') return { route, routeKey, segments: [], isDefault: true };
  if (!route.path.startsWith('/')) throw new InvalidRouteError(routeKey, 'the path must start with "/".');
  const parts = route.path === '/' ? [] : route.path.slice(1).split('/');
  const names = new Set<string>();
  const segments = parts.map((part, index): Segment => {
    if (part === '') throw new InvalidRouteError(routeKey, 'the path has an empty segment.');
    const param = PARAM.exec(part);
    if (!param) {
      if (/[{}]/.test(part)) throw new InvalidRouteError(routeKey, `segment "${part}" mixes text and a path variable.`);
      return { kind: 'literal', value: part };
    }
    const name = param[1] as string;
    if (names.has(name)) throw new InvalidRouteError(routeKey, `path variable "${name}" appears twice.`);
    names.add(name);
    if (param[2] === '+') {
      if (index !== parts.length - 1) throw new InvalidRouteError(routeKey, 'a greedy variable {name+} must be the last segment.');
      return { kind: 'greedy', name };
    }
    return { kind: 'param', name };
  });
  return { route, routeKey, segments, isDefault: false };
};

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const matchSegments = (segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined => {
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0) return undefined;
      params[segment.name] = decode(rest.join('/'));
      return params;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' ? segment.value !== part : part === '') return undefined;
    if (segment.kind === 'param') params[segment.name] = decode(part);
  }
  return parts.length === segments.length ? params : undefined;
};

/**
 * Orders candidates the way API Gateway picks among routes that all match: segment by
 * segment, a literal beats a variable, which beats a greedy variable; on equal paths a route
 * naming the method beats `ANY`; `$default` comes last.
 */
const compareSpecificity = (a: CompiledRoute, b: CompiledRoute): number => {
  if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
  const rank = { literal: 3, param: 2, greedy: 1 } as const;
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i += 1) {
    const x = a.segments[i];
    const y = b.segments[i];
    const diff = (y ? rank[y.kind] : 0) - (x ? rank[x.kind] : 0);
    if (diff !== 0) return diff;
  }
  return Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY');
};

/**
 * The routes of one HTTP API, compiled once and matched per request.
 *
 * @throws InvalidRouteError at construction for a path that is not API Gateway route syntax
 * or a route key given twice.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
export class RouteTable {
  private readonly compiled: readonly CompiledRoute[];

  constructor(routes: readonly Route[]) {
    const compiled = routes.map(compile);
    const keys = new Set<string>();
    for (const { routeKey } of compiled) {
      if (keys.has(routeKey)) throw new InvalidRouteError(routeKey, 'the route key is given twice.');
      keys.add(routeKey);
    }
    this.compiled = [...compiled].sort(compareSpecificity);
  }

  /** The most specific route for a method and raw (still encoded) path, if any. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath === '/' ? [] : rawPath.slice(1).split('/');
    for (const candidate of this.compiled) {
      if (candidate.isDefault) return { route: candidate.route, routeKey: candidate.routeKey };
      if (candidate.route.method !== 'ANY' && candidate.route.method !== method) continue;
      const params = matchSegments(candidate.segments, parts);
      if (!params) continue;
      const hasParams = Object.keys(params).length > 0;
      return { route: candidate.route, routeKey: candidate.routeKey, ...(hasParams ? { pathParameters: params } : {}) };
    }
    return undefined;
  }
}
