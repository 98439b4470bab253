/** The dashboard page sends the access token the hosted sign-in returns (AWS), and nothing locally. */
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { startDashboardServer, type DashboardServer } from './dashboardServer';

let server: DashboardServer;
let browser: Browser;
beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.api.close();
});

/** The Authorization headers of the page's API requests while `act` runs and a poll completes. */
async function apiAuthorizations(page: import('playwright-core').Page, act: () => Promise<unknown>): Promise<(string | undefined)[]> {
  const seen: (string | undefined)[] = [];
  const onRequest = (request: Request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) seen.push(request.headers().authorization);
  };
  page.on('request', onRequest);
  await act();
  await page.waitForRequest((request) => new URL(request.url()).pathname.startsWith('/api/reports/'));
  await page.waitForLoadState('networkidle');
  page.off('request', onRequest);
  return seen;
}

describe('the dashboard and the sign-in token', () => {
  it('keeps #access_token for the tab, removes it from the address bar, and sends it as a Bearer token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl';
    const sent = await apiAuthorizations(page, () => page.goto(`${server.url}/#access_token=${token}&token_type=Bearer&expires_in=3600`));
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set([`Bearer ${token}`]));
    expect(new URL(page.url()).hash).toBe('');
    // A reload of the same tab still sends it (sessionStorage), though the URL no longer carries it.
    const again = await apiAuthorizations(page, () => page.reload());
    expect(new Set(again)).toEqual(new Set([`Bearer ${token}`]));
    await context.close();
  });

  it('sends no Authorization header when nobody signed in (snowline up)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sent = await apiAuthorizations(page, () => page.goto(`${server.url}/`));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((header) => header === undefined)).toBe(true);
    await context.close();
  });
});
