import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../lib/generator';
import { dashboardUrl } from '../../local/http';
import { sdkClientConfig, startStack, type LocalStack } from '../../local/up';
import { ENRICHED_STREAM } from '../../stacks/config';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { launchChromium } from '../browser/chromium';
import { apiRows, COUNT, ranked, rangeOf, shownList } from '../browser/dashboardPage';
import { eventually, FREE_PORTS, removeDir, tempDataDir } from '../local/up/helpers';

// The dashboard over the real pipeline: generated events put into Kinesis, read by the report
// handler through the event-source-mapping runner, written to DynamoDB, served by the API.

const XSS_PATH = '/<img src=x onerror="window.__xss=1">';
let stack: LocalStack;
let kinesis: KinesisClient;
let browser: Browser;
let page: Page;
let dataDir: string;
const dialogs: string[] = [];

/** `count` generated events whose times run up to now, and `xss` page views of the hostile path. */
function traffic(seed: number, count: number, xss: number): PutRecordsRequestEntry[] {
  const now = Date.now();
  const lines = [...generateEvents({ events: count, seed, start: now - 4 * 60_000 })].filter((g) => g.collectorTimeMs <= now);
  const records = lines.map((g) => ({ PartitionKey: g.event.domain_userid!, Data: Buffer.from(g.line) }));
  const pageView = lines.find((g) => g.event.event_name === 'page_view')!;
  for (let i = 0; i < xss; i++) {
    const fields = pageView.line.split('\t');
    fields[FIELD_INDEX.page_urlpath] = XSS_PATH;
    fields[FIELD_INDEX.event_id] = `00000000-0000-4000-8000-${String(seed * 1000 + i).padStart(12, '0')}`;
    records.push({ PartitionKey: pageView.event.domain_userid!, Data: Buffer.from(fields.join('\t')) });
  }
  return records;
}

async function put(records: PutRecordsRequestEntry[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const out = await kinesis.send(new PutRecordsCommand({ StreamName: ENRICHED_STREAM.streamName, Records: records.slice(i, i + 500) }));
    expect(out.FailedRecordCount ?? 0).toBe(0);
  }
}

/** The events the API counts from `from` on. */
const eventsSince = async (from: string) => (await apiRows(stack.endpoints, 'events', from)).reduce((s, r) => s + r.value, 0);

/** The events counted from `from` on once the count is above `above` and has stopped moving for a second. */
async function settled(from: string, above = 0): Promise<number> {
  let last = -1;
  return eventually(async () => {
    const n = await eventsSince(from);
    const done = n > above && n === last;
    last = n;
    if (!done) await new Promise((resolve) => setTimeout(resolve, 1_000));
    return done ? n : undefined;
  }, 45_000, 'the stream to drain into the reports');
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  stack = await startStack({ dataDir, ports: FREE_PORTS });
  kinesis = new KinesisClient(sdkClientConfig(stack.endpoints, 'kinesis'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  kinesis?.destroy();
  await stack?.close();
  await removeDir(dataDir);
});

describe('the dashboard over the real local pipeline', () => {
  it('shows what the API serves from events put into Kinesis, hostile paths as text', async () => {
    await put(traffic(21, 600, 30));
    await eventually(
      async () => ((await apiRows(stack.endpoints, 'page_views', new Date(Date.now() - 3_600_000).toISOString())).some((r) => r.dimension === XSS_PATH) ? true : undefined),
      60_000,
      'the hostile page views to be counted',
    );
    // The link snowline up prints: it sets the key as an HttpOnly cookie, which the page's API calls then carry.
    expect(stack.endpoints.apiKey).toBeDefined();
    await page.goto(dashboardUrl(stack.endpoints));
    expect(page.url()).toBe(`${stack.endpoints.http}/`);
    await page.locator('#panel-pages-list .name', { hasText: XSS_PATH }).waitFor({ timeout: 15_000 });

    // The pages panel ranks what the API returns for the panel's own range, once the stream has
    // drained (the count stops moving) and the page has polled again.
    await settled(new Date(Date.now() - 3_600_000).toISOString());
    await eventually(async () => {
      const from = await rangeOf(page, 'panel-pages');
      const shown = await shownList(page, 'panel-pages');
      return JSON.stringify(shown) === JSON.stringify(ranked(await apiRows(stack.endpoints, 'page_views', from), 10)) ? true : undefined;
    }, 10_000, 'the pages panel to show the API ranking');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
    expect(dialogs).toEqual([]);
  });

  it('moves when new events arrive, without a reload', async () => {
    const from = await rangeOf(page, 'panel-events');
    const shownBefore = Number((await page.locator('#kpi-events-value').textContent())!.replaceAll(',', ''));
    const countedBefore = await eventsSince(from);
    await put(traffic(22, 300, 0));
    // Wait for the pipeline to drain (the count stops moving), then for the page to show it.
    const countedAfter = await settled(from, countedBefore);
    await eventually(async () => {
      const shown = await page.locator('#kpi-events-value').textContent();
      return shown === COUNT.format(await eventsSince(await rangeOf(page, 'panel-events'))) ? true : undefined;
    }, 10_000, 'the page to show the API total');
    expect(countedAfter).toBeGreaterThan(shownBefore);
    expect(await page.evaluate('performance.getEntriesByType("navigation").length')).toBe(1);
  });
});
