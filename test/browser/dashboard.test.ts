import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { startDashboardServer, type DashboardServer } from './dashboardServer';
import { seedRows, XSS_PATH, XSS_REFERRER } from './fixture';
import { apiRows as apiRowsOf, COUNT, ranked, rangeOf as rangeOfPanel, shownList as shownListOf, type Row } from './dashboardPage';

const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

let server: DashboardServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const dialogs: string[] = [];

const apiRows = (report: string, from: string) => apiRowsOf(server.url, report, from);
const shownList = (panel: string) => shownListOf(page, panel);
const rangeOf = (id: string) => rangeOfPanel(page, id);

beforeAll(async () => {
  server = await startDashboardServer();
  server.reader.set(seedRows(Date.now()));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.api.close();
});

describe('the live dashboard in headless Chromium', () => {
  it('loads at / and says when no event has been counted yet', async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Snowline · live reports');
    await page.locator('#panel-pages-list li').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('#freshness-text').textContent()).toBe('No events counted yet');
    expect(await page.locator('#freshness').getAttribute('data-state')).toBe('none');
  });

  it('shows the numbers the API returns', async () => {
    for (const [panel, report] of [['panel-pages', 'page_views'], ['panel-referrers', 'referrers'], ['panel-countries', 'countries']] as const) {
      const expected = ranked(await apiRows(report, await rangeOf(panel)), 10);
      expect(await shownList(panel)).toEqual(expected);
    }
    expect(await shownList('panel-pages')).toContainEqual([XSS_PATH, '20']);

    const chartFrom = await rangeOf('panel-events');
    const events = await apiRows('events', chartFrom);
    expect(await shownList('events-legend')).toEqual(ranked(events, 100));
    expect(await page.locator('#kpi-events-value').textContent()).toBe(COUNT.format(events.reduce((s, r) => s + r.value, 0)));

    const orders = await apiRows('orders', chartFrom);
    const revenue = await apiRows('revenue', chartFrom);
    expect(await page.locator('#kpi-orders-value').textContent()).toBe(COUNT.format(orders.reduce((s, r) => s + r.value, 0)));
    const sumOf = (rows: readonly Row[], currency: string) => rows.filter((r) => r.dimension === currency).reduce((s, r) => s + r.value, 0);
    expect(await page.locator('#revenue-body tr').allTextContents()).toEqual([
      `EUR${COUNT.format(sumOf(orders, 'EUR'))}${MONEY.format(sumOf(revenue, 'EUR'))}`,
      `USD${COUNT.format(sumOf(orders, 'USD'))}${MONEY.format(sumOf(revenue, 'USD'))}`,
    ]);
    expect(await page.locator('#revenue-body tr').allTextContents()).toEqual(['EUR10499.00', 'USD2258.70']);

    // The tile and the window it names are read together, so a refresh in between cannot split them.
    for (const report of ['visitors', 'sessions']) {
      const shown = (await page.evaluate(
        `(() => { const t = document.getElementById('kpi-${report}'); return [t.dataset.window, document.getElementById('kpi-${report}-value').textContent]; })()`,
      )) as [string, string];
      const rows = await apiRows(report, chartFrom);
      expect(shown[1]).toBe(COUNT.format(rows.find((r) => r.window_start === shown[0])?.value ?? 0));
    }
  });

  it('renders attacker-controlled paths and referrers as text, and runs no script', async () => {
    expect(await page.locator('#panel-pages-list .name', { hasText: XSS_PATH }).count()).toBe(1);
    expect(await page.locator('#panel-referrers-list .name', { hasText: XSS_REFERRER }).count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#pwned').count()).toBe(0);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(dialogs).toEqual([]);
  });

  it('updates within 5 s when new events are counted, without a reload', async () => {
    const before = await page.locator('#kpi-events-value').textContent();
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000;
    const window_start = new Date(minute).toISOString();
    const began = Date.now();
    server.reader.add(
      [
        { report: 'page_views', granularity: 'minute', window_start, dimension: '/new-arrival', value: 300 },
        { report: 'events', granularity: 'minute', window_start, dimension: 'page_view', value: 300 },
      ],
      { newestEventTimeMs: Date.now() - 2_000, updatedAtMs: Date.now() - 1_000 },
    );
    // Locators, not waitForFunction: the page's CSP forbids the eval that a string predicate needs.
    await page.locator('#panel-pages-list li:first-child[data-key="/new-arrival"]').waitFor({ timeout: 5_000 });
    await page.locator('#freshness[data-state="fresh"]').waitFor({ timeout: 5_000 });
    expect(Date.now() - began).toBeLessThan(5_000);
    expect((await shownList('panel-pages'))[0]).toEqual(['/new-arrival', '300']);
    expect(await page.locator('#kpi-events-value').textContent()).toBe(COUNT.format(Number((before ?? '').replaceAll(',', '')) + 300));
    expect(await page.locator('#freshness-text').textContent()).toMatch(/^Newest event [2-9] s ago$/);
    expect(await page.evaluate('performance.getEntriesByType("navigation").length')).toBe(1);
  });

  it('turns the freshness indicator red when the newest event is old', async () => {
    server.reader.add([], { newestEventTimeMs: Date.now() - 10 * 60_000, updatedAtMs: Date.now() - 10 * 60_000 });
    await page.locator('#freshness[data-state="stale"]').waitFor({ timeout: 5_000 });
    expect(await page.locator('#freshness-text').textContent()).toMatch(/^Newest event 10 min [0-9]+ s ago$/);
    server.reader.add([], { newestEventTimeMs: Date.now() - 1_000, updatedAtMs: Date.now() });
    await page.locator('#freshness[data-state="fresh"]').waitFor({ timeout: 5_000 });
  });

  it('looks right (a screenshot to review) and broke no Content-Security-Policy rule', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snowline-dashboard-'));
    const file = join(dir, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`dashboard screenshot: ${file}`);
    expect(await page.locator('footer').getAttribute('data-state')).toBe('ok');
    expect(problems).toEqual([]);
  });
});
