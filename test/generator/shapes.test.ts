import { describe, expect, it } from 'vitest';
import { buildCatalog, generateEvents } from '../../lib/generator';
import { eventTime, readTimestamp, splitRow, type RawRow } from './helpers';

const catalog = buildCatalog();
const bySku = new Map(catalog.products.map((p) => [p.sku, p]));
/** The shop's fixed rates to EUR, written out here rather than imported. */
const RATE: Record<string, number> = { EUR: 1, USD: 0.92, GBP: 1.17, CHF: 1.05, SEK: 0.087 };
const cents = (text: string): number => Math.round(Number(text) * 100);

const rows = [...generateEvents({ events: 6_000, seed: 21 })].map((g) => splitRow(g.line));
const sessions = new Map<string, RawRow[]>();
for (const r of rows) sessions.set(r.domain_sessionid, [...(sessions.get(r.domain_sessionid) ?? []), r]);
// Device order: the device clock's skew is the same for all of a visitor's events.
for (const list of sessions.values()) list.sort((a, b) => readTimestamp(a.dvce_created_tstamp) - readTimestamp(b.dvce_created_tstamp));
const lastCollector = Math.max(...rows.map((r) => readTimestamp(r.collector_tstamp)));

describe('event shapes', () => {
  it('add-to-cart is se_category cart, se_action add-to-cart, se_label the SKU, se_value the price, on /products/<sku>', () => {
    const adds = rows.filter((r) => r.event === 'struct');
    expect(adds.length).toBeGreaterThan(50);
    for (const r of adds) {
      expect([r.se_category, r.se_action]).toEqual(['cart', 'add-to-cart']);
      const product = bySku.get(r.se_label)!;
      expect(product).toBeDefined();
      expect(r.page_urlpath).toBe(`/products/${r.se_label}`);
      expect(Object.keys(RATE)).toContain(r.se_property);
      // The price in the visitor's currency is the EUR catalogue price converted at the fixed rate.
      expect(cents(r.se_value)).toBe(Math.round((product.price * 100) / RATE[r.se_property]!));
      const contexts = JSON.parse(r.contexts) as { data: { schema: string; data: Record<string, unknown> }[] };
      const productContext = contexts.data.find((c) => c.schema.includes('/product/'))!;
      expect(productContext.schema).toBe('iglu:com.snowplowanalytics.snowplow.ecommerce/product/jsonschema/1-0-0');
      expect(productContext.data).toEqual({
        id: product.sku, name: product.name, category: product.category, price: Number(r.se_value), currency: r.se_property, brand: 'Snowline',
      });
    }
  });

  it('a transaction has one transaction_item a line item, the same order id, and totals that add up', () => {
    // The run may end between a transaction and its last items: leave out its final minute.
    const transactions = rows.filter((r) => r.event === 'transaction' && readTimestamp(r.collector_tstamp) < lastCollector - 60_000);
    expect(transactions.length).toBeGreaterThan(10);
    for (const tr of transactions) {
      expect(tr.tr_orderid).toMatch(/^ord-[0-9a-f]{12}$/);
      expect(tr.page_urlpath).toBe('/checkout/confirmation');
      expect(tr.base_currency).toBe('EUR');
      expect(tr.tr_affiliation).toBe('snowline-web');
      expect(tr.tr_country).toBe(tr.geo_country);
      const rate = RATE[tr.tr_currency]!;
      expect(cents(tr.tr_total_base)).toBe(Math.round(cents(tr.tr_total) * rate));
      expect(cents(tr.tr_tax_base)).toBe(Math.round(cents(tr.tr_tax) * rate));
      expect(cents(tr.tr_shipping_base)).toBe(Math.round(cents(tr.tr_shipping) * rate));
      const items = rows.filter((r) => r.event === 'transaction_item' && r.ti_orderid === tr.tr_orderid);
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.map((i) => i.ti_sku)).size).toBe(items.length);
      let subtotal = 0;
      for (const item of items) {
        const product = bySku.get(item.ti_sku)!;
        expect([item.ti_name, item.ti_category, item.ti_currency, item.base_currency]).toEqual([product.name, product.category, tr.tr_currency, 'EUR']);
        expect(cents(item.ti_price)).toBe(Math.round((product.price * 100) / rate));
        expect(cents(item.ti_price_base)).toBe(Math.round(cents(item.ti_price) * rate));
        expect(item.domain_sessionid).toBe(tr.domain_sessionid);
        subtotal += cents(item.ti_price) * Number(item.ti_quantity);
      }
      expect(cents(tr.tr_total)).toBe(subtotal + cents(tr.tr_shipping));
      // Each SKU's quantity is how often it was added to the cart in the session before the order.
      const session = sessions.get(tr.domain_sessionid)!;
      const before = session.filter((r) => r.event === 'struct' && eventTime(r) < eventTime(tr));
      for (const item of items) {
        expect(Number(item.ti_quantity)).toBeLessThanOrEqual(before.filter((a) => a.se_label === item.ti_sku).length);
        expect(Number(item.ti_quantity)).toBeGreaterThan(0);
      }
    }
  });

  it('page URLs, referrers and campaign fields agree with each other', () => {
    for (const r of rows) {
      expect(r.page_url).toBe(`https://${r.page_urlhost}${r.page_urlpath}${r.page_urlquery ? `?${r.page_urlquery}` : ''}`);
      expect(r.page_urlhost).toBe('shop.snowline.example');
      switch (r.refr_medium) {
        case '':
          expect([r.page_referrer, r.refr_urlhost, r.refr_source, r.refr_term]).toEqual(['', '', '', '']);
          break;
        case 'internal':
          expect(r.refr_urlhost).toBe('shop.snowline.example');
          expect(r.page_referrer).toBe(`https://shop.snowline.example${r.refr_urlpath}${r.refr_urlquery ? `?${r.refr_urlquery}` : ''}`);
          expect(r.refr_source).toBe('');
          break;
        case 'search':
          expect({ Google: /^www\.google\./, Bing: /^www\.bing\.com$/, DuckDuckGo: /^duckduckgo\.com$/, Ecosia: /^www\.ecosia\.org$/ }[r.refr_source]!.test(r.refr_urlhost)).toBe(true);
          break;
        case 'social':
          expect(['Facebook', 'Instagram', 'Pinterest', 'Twitter', 'Reddit']).toContain(r.refr_source);
          break;
        case 'email':
          expect(['Gmail', 'Outlook.com', 'Yahoo! Mail']).toContain(r.refr_source);
          expect([r.mkt_medium, r.mkt_source]).toEqual(['email', 'newsletter']);
          break;
        case 'unknown':
          expect(r.refr_source).toBe('');
          break;
        default:
          throw new Error(`unexpected refr_medium ${r.refr_medium}`);
      }
      if (r.page_referrer !== '') expect(r.page_referrer.startsWith(`https://${r.refr_urlhost}${r.refr_urlpath}`)).toBe(true);
      const campaign = /(^|&)utm_medium=([^&]+)/.exec(r.page_urlquery)?.[2] ?? '';
      expect(r.mkt_medium).toBe(campaign);
      expect(r.mkt_clickid !== '').toBe(r.page_urlquery.includes('gclid='));
    }
    const media = new Set(rows.map((r) => r.refr_medium));
    expect([...media].sort()).toEqual(['', 'email', 'internal', 'search', 'social', 'unknown']);
  });

  it('page pings report scroll offsets within the page; other events have none', () => {
    for (const r of rows) {
      if (r.event !== 'page_ping') {
        expect([r.pp_xoffset_min, r.pp_xoffset_max, r.pp_yoffset_min, r.pp_yoffset_max]).toEqual(['', '', '', '']);
        continue;
      }
      const [ymin, ymax] = [Number(r.pp_yoffset_min), Number(r.pp_yoffset_max)];
      expect([r.pp_xoffset_min, r.pp_xoffset_max]).toEqual(['0', '0']);
      expect(ymin).toBeLessThanOrEqual(ymax);
      expect(ymax).toBeLessThanOrEqual(Math.max(0, Number(r.doc_height) - Number(r.br_viewheight)));
    }
  });

  it('a link click on a shop link is followed by a page view of its target in the same session', () => {
    let followed = 0;
    for (const list of sessions.values()) {
      list.forEach((r, i) => {
        if (r.event !== 'unstruct') return;
        const unstruct = JSON.parse(r.unstruct_event) as { schema: string; data: { schema: string; data: { targetUrl: string } } };
        expect(unstruct.schema).toBe('iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0');
        expect(unstruct.data.schema).toBe('iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1');
        if (!unstruct.data.data.targetUrl.startsWith('https://shop.snowline.example/')) return;
        const nextView = list.slice(i + 1).find((n) => n.event === 'page_view');
        if (nextView === undefined) return; // the run ended before the next page view
        expect(nextView.page_url).toBe(unstruct.data.data.targetUrl);
        expect(nextView.page_referrer).toBe(r.page_url);
        followed++;
      });
    }
    expect(followed).toBeGreaterThan(100);
  });

  it('events of one page view share its web_page id, and client_session counts events in order', () => {
    for (const list of sessions.values()) {
      const indexes = list.map((r) => (JSON.parse(r.contexts) as { data: { data: { eventIndex?: number } }[] }).data.at(-1)!.data.eventIndex!);
      expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
      let pageId = '';
      for (const r of list) {
        const id = (JSON.parse(r.contexts) as { data: { data: { id?: string } }[] }).data[0]!.data.id!;
        if (r.event === 'page_view') pageId = id;
        else if (pageId !== '') expect(id).toBe(pageId);
      }
    }
  });
});
