import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardServer, type DashboardServer } from '../browser/dashboardServer';
import { DASHBOARD_CSP } from '../../lib/dashboard';

let server: DashboardServer;
const NEWEST = Date.now() - 60_000;

beforeAll(async () => {
  server = await startDashboardServer();
  server.reader.set(
    [{ report: 'countries', granularity: 'hour', window_start: '2026-11-22T10:00:00.000Z', dimension: 'DE', value: 3 }],
    { newestEventTimeMs: NEWEST, updatedAtMs: null },
  );
});

afterAll(async () => {
  await server?.api.close();
});

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('the dashboard API through the local HTTP server', () => {
  it('answers a report from the query string API Gateway builds', async () => {
    const { status, type, text } = await get('/api/reports/countries?granularity=hour&from=2026-11-22T09%3A00%3A00Z&to=2026-11-22T11%3A00%3A00Z');
    expect(status).toBe(200);
    expect(type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(text)).toEqual({
      report: 'countries',
      granularity: 'hour',
      rows: [{ window_start: '2026-11-22T10:00:00.000Z', dimension: 'DE', value: 3 }],
    });
  });

  it('a repeated parameter arrives comma-joined and is a 400 naming it', async () => {
    const { status, text } = await get('/api/reports/countries?limit=1&limit=2');
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: 'InvalidParameterError', parameter: 'limit', message: 'limit: expected an integer from 1 to 1000, got "1,2"' });
  });

  it('an unknown report, percent-encoded in the path, is a 404 naming it decoded', async () => {
    const { status, text } = await get('/api/reports/%3Cscript%3E');
    expect(status).toBe(404);
    const known = ['events', 'page_views', 'visitors', 'sessions', 'revenue', 'orders', 'referrers', 'countries'];
    expect(JSON.parse(text)).toEqual({
      error: 'UnknownReportError',
      report: '<script>',
      known,
      message: `unknown report "<script>"; known reports: ${known.join(', ')}`,
    });
  });

  it('health carries the reports\' freshness', async () => {
    const { status, text } = await get('/api/health');
    expect(status).toBe(200);
    const body = JSON.parse(text) as { ready: boolean; reports: { lag_ms: number; newest_event_time: string; updated_at: null } };
    expect(body.ready).toBe(true);
    expect(body.reports.newest_event_time).toBe(new Date(NEWEST).toISOString());
    expect(body.reports.updated_at).toBeNull();
    expect(body.reports.lag_ms).toBeGreaterThanOrEqual(60_000);
    expect(body.reports.lag_ms).toBeLessThan(70_000);
  });

  it('serves the dashboard at / with a Content-Security-Policy that allows no inline script', async () => {
    const { status, type, text } = await get('/');
    expect(status).toBe(200);
    expect(type).toBe('text/html; charset=utf-8');
    expect(text).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'">`,
    );
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(text).not.toMatch(/\son[a-z]+=/);
  });

  it('sends the Content-Security-Policy as a header too, the meta tag being the same less frame-ancestors', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(await response.text())?.[1];
    expect(`${meta}; frame-ancestors 'none'`).toBe(DASHBOARD_CSP);
  });
});
