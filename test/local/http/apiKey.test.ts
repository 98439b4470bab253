import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY_FILE,
  apiKeyHeaders,
  dashboardUrl,
  ApiKeyFileError,
  ensureApiKey,
  type HttpApiService,
  LOCAL_MAX_BODY_BYTES,
  type Route,
  startHttpApi,
} from '../../../local/http';

const KEY = 'k'.repeat(43);

describe('the local HTTP API with an API key and a body limit', () => {
  let api: HttpApiService;
  let open: HttpApiService;
  let staticDir: string;
  const calls: string[] = [];
  const echo: Route['handler'] = async (event) => {
    calls.push(event.routeKey);
    return { statusCode: 200, body: JSON.stringify({ route: event.routeKey, bytes: Buffer.byteLength(event.body ?? '') }) };
  };
  const routes: Route[] = [
    { method: 'GET', path: '/api/reports/{report}', handler: echo },
    { method: 'POST', path: '/predict', handler: echo },
    { method: 'POST', path: '/predict/batch', handler: echo },
  ];
  const url = (path: string, service = api) => `${service.endpoint}${path}`;

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'snowline-key-static-'));
    await writeFile(join(staticDir, 'index.html'), '<h1>dash</h1>');
    const health = () => ({ ready: true, services: [] });
    api = await startHttpApi({ routes, health, staticDir, apiKey: KEY, maxBodyBytes: LOCAL_MAX_BODY_BYTES });
    open = await startHttpApi({ routes, health, staticDir });
  });
  afterAll(async () => {
    await api.close();
    await open.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('answers 401 with a JSON error, before any handler, for /api/* and /predict* without the key', async () => {
    // GIVEN no key, a wrong key, a malformed bearer WHEN guarded paths are called THEN 401 JSON each time
    calls.length = 0;
    for (const [path, init] of [
      ['/api/reports/pages', {}],
      ['/api/reports/pages', { headers: { 'x-api-key': 'wrong' } }],
      ['/api/reports/pages', { headers: { authorization: `Basic ${KEY}` } }],
      ['/api/health', {}],
      ['/api/nowhere', {}],
      ['/predict', { method: 'POST', body: '{}' }],
      ['/predict/batch', { method: 'POST', body: '{}', headers: { authorization: 'Bearer wrong' } }],
    ] as const) {
      const response = await fetch(url(path), init);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(((await response.json()) as { message: string }).message).toMatch(/^Unauthorized/);
    }
    expect(calls).toEqual([]);
  });

  it('lets the key in as x-api-key, as a bearer token and as the cookie', async () => {
    // GIVEN the key in each accepted place WHEN a route is called THEN its handler answers
    const variants: Record<string, string>[] = [{ 'x-api-key': KEY }, { authorization: `Bearer ${KEY}` }, { cookie: `theme=dark; snowline_api_key=${KEY}` }];
    for (const headers of variants) {
      const response = await fetch(url('/api/reports/pages'), { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ route: 'GET /api/reports/{report}', bytes: 0 });
    }
    expect((await fetch(url('/api/health'), { headers: { 'x-api-key': KEY } })).status).toBe(200);
  });

  it('serves the dashboard page, and hands the key to the browser once as an HttpOnly SameSite=Strict cookie', async () => {
    // GIVEN the page without a key THEN it is served (its API calls need the cookie)
    const page = await fetch(url('/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    // WHEN it is opened with ?key= THEN 303 to the URL without the key, setting the cookie
    const handed = await fetch(url(`/?view=day&key=${KEY}`), { redirect: 'manual' });
    expect(handed.status).toBe(303);
    expect(handed.headers.get('location')).toBe('/?view=day');
    const cookie = handed.headers.get('set-cookie')!;
    expect(cookie).toBe(`snowline_api_key=${KEY}; HttpOnly; SameSite=Strict; Path=/`);
    // AND the cookie, sent back as a browser would, opens the API
    const withCookie = await fetch(url('/api/reports/pages'), { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    // AND a wrong key in the URL is 401, no cookie set
    const wrong = await fetch(url('/?key=guess'), { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('answers 413 before the handler for a body over the limit, and takes exactly the limit', async () => {
    // GIVEN the key and a body one byte over 1 MiB WHEN posted THEN 413 and the handler never runs
    calls.length = 0;
    const headers = { 'x-api-key': KEY, 'content-type': 'application/json' };
    const over = await fetch(url('/predict/batch'), { method: 'POST', headers, body: 'x'.repeat(LOCAL_MAX_BODY_BYTES + 1) });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(calls).toEqual([]);
    // AND exactly the limit reaches the handler whole
    const exact = await fetch(url('/predict/batch'), { method: 'POST', headers, body: 'x'.repeat(LOCAL_MAX_BODY_BYTES) });
    expect(await exact.json()).toEqual({ route: 'POST /predict/batch', bytes: LOCAL_MAX_BODY_BYTES });
  });

  it('fits an inference batch of 100 users well inside the limit', async () => {
    // GIVEN 100 users with a context each WHEN posted THEN it is accepted
    const batch = JSON.stringify({
      requests: Array.from({ length: 100 }, (_, i) => ({ user_id: `customer-${String(i).padStart(6, '0')}`, context: { page: '/products/sku-123', device: 'mobile' } })),
    });
    expect(Buffer.byteLength(batch)).toBeLessThan(LOCAL_MAX_BODY_BYTES / 50);
    const response = await fetch(url('/predict/batch'), { method: 'POST', headers: { 'x-api-key': KEY }, body: batch });
    expect(response.status).toBe(200);
  });

  it('checks the key before the size: an unauthenticated oversized body is 401', async () => {
    const response = await fetch(url('/predict'), { method: 'POST', body: 'x'.repeat(LOCAL_MAX_BODY_BYTES + 1) });
    expect(response.status).toBe(401);
  });

  it('gives clients the headers and the browser the URL that carry the key from endpoints.json', async () => {
    // GIVEN endpoints with the key WHEN a client uses apiKeyHeaders THEN it gets in
    const endpoints = { http: api.endpoint, apiKey: KEY };
    expect((await fetch(url('/api/reports/pages'), { headers: apiKeyHeaders(endpoints) })).status).toBe(200);
    // AND the dashboard URL hands the cookie over
    const handed = await fetch(dashboardUrl(endpoints), { redirect: 'manual' });
    expect([handed.status, handed.headers.get('location')]).toEqual([303, '/']);
    // AND without a key both are plain
    expect(apiKeyHeaders({})).toEqual({});
    expect(dashboardUrl({ http: open.endpoint })).toBe(`${open.endpoint}/`);
  });

  it('without apiKey lets every request in, as before', async () => {
    // GIVEN the API started without a key WHEN a guarded path is called bare THEN its handler answers
    expect((await fetch(url('/api/reports/pages', open))).status).toBe(200);
    expect((await fetch(url('/predict', open), { method: 'POST', body: '{}' })).status).toBe(200);
  });
});

describe('ensureApiKey', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'snowline-key-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('generates a key once, readable by the owner only, and returns the same key after', async () => {
    // GIVEN an empty data dir WHEN the key is ensured twice THEN one key, mode 0600
    const first = await ensureApiKey(dataDir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(join(dataDir, API_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await ensureApiKey(dataDir)).toBe(first);
  });

  it('tightens a file others could read', async () => {
    // GIVEN the key file made world-readable WHEN ensured THEN it is 0600 again, key unchanged
    const key = await ensureApiKey(dataDir);
    await chmod(join(dataDir, API_KEY_FILE), 0o644);
    expect(await ensureApiKey(dataDir)).toBe(key);
    expect((await stat(join(dataDir, API_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('refuses a file that holds no key, naming it, and leaves it as it was', async () => {
    // GIVEN a key file with a short word WHEN ensured THEN a clear error, the file untouched
    const other = await mkdtemp(join(tmpdir(), 'snowline-key-bad-'));
    await writeFile(join(other, API_KEY_FILE), 'secret\n', { mode: 0o600 });
    await expect(ensureApiKey(other)).rejects.toThrow(ApiKeyFileError);
    await expect(ensureApiKey(other)).rejects.toThrow(`The API key file ${join(other, API_KEY_FILE)} does not hold a key`);
    expect(await readFile(join(other, API_KEY_FILE), 'utf8')).toBe('secret\n');
    await rm(other, { recursive: true, force: true });
  });
});
