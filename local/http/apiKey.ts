/**
 * The local HTTP API's key check: which paths need the key, where a request may carry it, and the
 * cookie that lets the dashboard in a browser carry it without holding it in script.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { API_KEY_COOKIE, API_KEY_HEADER, API_KEY_QUERY } from './constants';

/** Whether a path is one the key guards: `/api` and below, and `/predict...` (the inference API). */
export const isProtectedPath = (path: string): boolean => /^\/api(\/|$)/.test(path) || path.startsWith('/predict');

/** The keys a request presents: `x-api-key`, `Authorization: Bearer <key>` and the key cookie. */
export const presentedKeys = (request: IncomingMessage): string[] => {
  const keys: string[] = [];
  const header = request.headers[API_KEY_HEADER];
  if (typeof header === 'string') keys.push(header);
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (bearer) keys.push(bearer[1]!);
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === API_KEY_COOKIE) keys.push(value.join('='));
  }
  return keys;
};

/** Compares two keys in constant time (hashes first, so lengths leak nothing either). */
export const sameKey = (a: string, b: string): boolean =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/** Whether the request carries `expected` in any of the accepted places. */
export const carriesKey = (request: IncomingMessage, expected: string): boolean =>
  presentedKeys(request).some((key) => sameKey(key, expected));

/**
 * The `Set-Cookie` value that hands the key to a browser: HttpOnly (no script reads it), SameSite
 * Strict (no other site's page sends it), for the whole origin.
 */
export const keyCookie = (key: string): string => `${API_KEY_COOKIE}=${key}; HttpOnly; SameSite=Strict; Path=/`;

/**
 * The headers a client of the running stack sends: `x-api-key` when `endpoints.json` has an
 * `apiKey`, none otherwise.
 *
 * @example
 * ```ts
 * await fetch(`${endpoints.http}/api/reports/pages`, { headers: apiKeyHeaders(endpoints) });
 * ```
 */
export const apiKeyHeaders = (endpoints: { readonly apiKey?: string | undefined }): Record<string, string> =>
  endpoints.apiKey === undefined ? {} : { [API_KEY_HEADER]: endpoints.apiKey };

/**
 * The dashboard's URL for a browser: with `?key=<key>` when the stack has a key, so the first
 * visit sets the cookie (see `startHttpApi`'s `apiKey`).
 */
export const dashboardUrl = (endpoints: { readonly http: string; readonly apiKey?: string | undefined }): string =>
  endpoints.apiKey === undefined ? `${endpoints.http}/` : `${endpoints.http}/?${API_KEY_QUERY}=${encodeURIComponent(endpoints.apiKey)}`;
