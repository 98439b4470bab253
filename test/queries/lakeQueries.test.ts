import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedEvent } from '../../lib/generator';
import { lakeSources, MissingLakeDataError, placeholdersOf, runDuckDbQuery, runLakeQuery, toDuckDb } from '../../lib/queries';
import { buildLakeFixture, type LakeFixture } from './lakeFixture';
import { readQuery } from './helpers';
import { findValuesInParquet, parquetFilesUnder } from '../local/glue/scanParquet';

let lake: LakeFixture;
/** The archived events, each event id once (the queries' rule), in archive order. */
let unique: GeneratedEvent[];

beforeAll(async () => {
  lake = await buildLakeFixture();
  const seen = new Set<string>();
  unique = lake.events.filter((e) => !seen.has(e.event.event_id!) && seen.add(e.event.event_id!));
});
afterAll(async () => {
  await lake?.remove();
});

const run = async (name: string) => (await runLakeQuery(await readQuery(`${name}.sql`), lake.lakeDir)).rows;
const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const byName = <T extends Record<string, unknown>>(rows: readonly T[], key: string) => new Map(rows.map((r) => [r[key] as string, r]));

describe('every query in queries/ on the local lake', () => {
  it('has duplicates across archive files, as at-least-once delivery leaves them', async () => {
    const events = lakeSources(lake.lakeDir).events!.source;
    const [counts] = await runDuckDbQuery(toDuckDb('SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM {{events}}', { events }));
    expect(counts!.n as number).toBeGreaterThan((counts!.d as number) + 400);
    expect(counts!.d).toBe(unique.length);
  });

  it('runs each file, with every input it names found in the lake', async () => {
    const files = (await readdir(join(import.meta.dirname, '..', '..', 'queries'))).filter((f) => f.endsWith('.sql')).sort();
    expect(files).toEqual(expect.arrayContaining(['feature_training_set.sql', 'funnel_by_category.sql', 'revenue_by_day_channel.sql', 'user_activity_current.sql', 'viewed_vs_bought.sql', 'weekly_cohort_retention.sql']));
    for (const file of files) {
      const sql = await readQuery(file);
      for (const input of placeholdersOf(sql)) expect(Object.keys(lakeSources(lake.lakeDir)), `${file} reads {{${input}}}`).toContain(input);
      const { rows } = await runLakeQuery(sql, lake.lakeDir);
      expect(rows.length, file).toBeGreaterThan(0);
    }
  });
});

describe('funnel_by_category', () => {
  it('equals a recomputation from the generated events and the products table', async () => {
    const category = new Map(lake.tables.products.map((p) => [p.sku as string, p.category as string]));
    const totals = new Map<string, { views: number; carts: number; purchases: number; units: number; viewers: Set<string> }>();
    const add = (sku: string | null, step: 'views' | 'carts' | 'purchases', user: string | null, units = 0) => {
      const name = (sku !== null && category.get(sku)) || 'unknown';
      const t = totals.get(name) ?? { views: 0, carts: 0, purchases: 0, units: 0, viewers: new Set<string>() };
      totals.set(name, t);
      t[step]++;
      t.units += units;
      if (step === 'views' && user !== null) t.viewers.add(user);
    };
    for (const { event: e } of unique) {
      if (e.event_name === 'page_view' && e.page_urlpath?.startsWith('/products/')) add(e.page_urlpath.slice(10), 'views', e.domain_userid);
      else if (e.event_name === 'event' && e.se_category === 'cart' && e.se_action === 'add-to-cart') add(e.se_label, 'carts', e.domain_userid);
      else if (e.event_name === 'transaction_item') add(e.ti_sku, 'purchases', e.domain_userid, e.ti_quantity ?? 0);
    }
    const expected = [...totals]
      .map(([name, t]) => ({
        category: name,
        product_views: t.views,
        add_to_carts: t.carts,
        purchases: t.purchases,
        units_purchased: t.units,
        viewers: t.viewers.size,
        view_to_cart_rate: ratio(t.carts, t.views),
        cart_to_purchase_rate: ratio(t.purchases, t.carts),
        view_to_purchase_rate: ratio(t.purchases, t.views),
      }))
      .sort((a, b) => b.product_views - a.product_views || (a.category < b.category ? -1 : 1));

    const rows = await run('funnel_by_category');

    expect(rows).toEqual(expected);
    expect(rows.some((r) => r.category === 'unknown')).toBe(true);
    expect(rows.reduce((sum, r) => sum + (r.purchases as number), 0)).toBeGreaterThan(5);
  });
});

describe('revenue_by_day_channel', () => {
  it('equals a recomputation: orders joined by id, revenue from the orders table, the channel of the session', async () => {
    const firstView = new Map<string, GeneratedEvent>();
    const order = (a: GeneratedEvent, b: GeneratedEvent) => a.eventTimeMs - b.eventTimeMs || (a.event.event_id! < b.event.event_id! ? -1 : 1);
    for (const e of [...unique].sort(order)) {
      if (e.event.event_name === 'page_view' && e.event.domain_sessionid !== null && !firstView.has(e.event.domain_sessionid)) firstView.set(e.event.domain_sessionid, e);
    }
    const channelOf = (session: string | null) => {
      const view = session === null ? undefined : firstView.get(session)?.event;
      if (view === undefined) return 'direct';
      return view.mkt_medium ?? (view.refr_medium !== null && view.refr_medium !== 'internal' ? view.refr_medium : null) ?? 'direct';
    };
    const orders = byName(lake.tables.orders, 'order_id');
    const placed = new Map<string, GeneratedEvent>();
    for (const e of [...unique].sort(order)) if (e.event.event_name === 'transaction' && !placed.has(e.event.tr_orderid!)) placed.set(e.event.tr_orderid!, e);
    const groups = new Map<string, { day: string; channel: string; orders: number; cents: number; returned: number }>();
    for (const [orderId, e] of placed) {
      const row = orders.get(orderId);
      if (row === undefined) continue;
      const day = new Date(e.eventTimeMs).toISOString().slice(0, 10);
      const channel = channelOf(e.event.domain_sessionid);
      const g = groups.get(`${day}|${channel}`) ?? { day, channel, orders: 0, cents: 0, returned: 0 };
      groups.set(`${day}|${channel}`, g);
      g.orders++;
      g.cents += Math.round(Number(row.total_base) * 100);
      if (row.status === 'returned') g.returned++;
    }
    const expected = [...groups.values()]
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : b.cents - a.cents || (a.channel < b.channel ? -1 : 1)))
      .map((g) => ({ day: g.day, channel: g.channel, orders: g.orders, revenue_eur: (g.cents / 100).toFixed(2), returned_orders: g.returned, average_order_eur: Math.round(g.cents / g.orders) / 100 }));

    const rows = await run('revenue_by_day_channel');

    expect(rows.map((r) => ({ ...r, revenue_eur: Number(r.revenue_eur).toFixed(2) }))).toEqual(expected);
    expect(new Set(rows.map((r) => r.channel)).size).toBeGreaterThan(1);
    // The order deleted from the database and the one placed without an event are not counted.
    expect(rows.reduce((n, r) => n + (r.orders as number), 0)).toBe([...placed.keys()].filter((id) => orders.has(id)).length);
    expect([...placed.keys()].some((id) => !orders.has(id))).toBe(true);
  });
});

describe('viewed_vs_bought', () => {
  it('ranks views from the events against units from order_items', async () => {
    const views = new Map<string, number>();
    for (const { event: e } of unique) if (e.event_name === 'page_view' && e.page_urlpath?.startsWith('/products/')) views.set(e.page_urlpath.slice(10), (views.get(e.page_urlpath.slice(10)) ?? 0) + 1);
    const units = new Map<string, number>();
    for (const item of lake.tables.order_items) units.set(item.sku as string, (units.get(item.sku as string) ?? 0) + (item.quantity as number));
    const listed = lake.tables.products.map((p) => ({ sku: p.sku as string, views: views.get(p.sku as string) ?? 0, units: units.get(p.sku as string) ?? 0 })).filter((p) => p.views > 0 || p.units > 0);

    const rows = await run('viewed_vs_bought');

    expect(rows.map((r) => r.sku).sort()).toEqual(listed.map((p) => p.sku).sort());
    for (const row of rows) {
      const p = listed.find((x) => x.sku === row.sku)!;
      expect([row.views, row.units_bought], p.sku).toEqual([p.views, p.units]);
      expect(row.view_rank).toBe(1 + listed.filter((x) => x.views > p.views).length);
      expect(row.bought_rank).toBe(1 + listed.filter((x) => x.units > p.units).length);
    }
  });
});

describe('weekly_cohort_retention', () => {
  it('counts each visitor in the Monday week of their first event, and again in each week they return', async () => {
    const monday = (ms: number) => {
      const d = new Date(ms);
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
    };
    const weeks = new Map<string, Set<number>>();
    for (const e of unique) if (e.event.domain_userid !== null) (weeks.get(e.event.domain_userid) ?? weeks.set(e.event.domain_userid, new Set()).get(e.event.domain_userid)!).add(monday(e.eventTimeMs));
    const counts = new Map<string, number>();
    const sizes = new Map<number, number>();
    for (const set of weeks.values()) {
      const cohort = Math.min(...set);
      sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
      for (const week of set) counts.set(`${cohort}|${(week - cohort) / (7 * 86_400_000)}`, (counts.get(`${cohort}|${(week - cohort) / (7 * 86_400_000)}`) ?? 0) + 1);
    }
    const expected = [...counts]
      .map(([key, active]) => {
        const [cohort, later] = key.split('|').map(Number) as [number, number];
        return { cohort_week: new Date(cohort).toISOString().slice(0, 10), cohort_users: sizes.get(cohort)!, weeks_later: later, active_users: active, retention: ratio(active, sizes.get(cohort)!) };
      })
      .sort((a, b) => (a.cohort_week < b.cohort_week ? -1 : a.cohort_week > b.cohort_week ? 1 : a.weeks_later - b.weeks_later));

    const rows = await run('weekly_cohort_retention');

    expect(rows).toEqual(expected);
    expect(rows.some((r) => (r.weeks_later as number) > 0)).toBe(true);
  });
});

describe('personal data in the archive', () => {
  it('holds pseudonyms, never the raw user ids or IP addresses, and joins by pseudonym still work', async () => {
    const events = lakeSources(lake.lakeDir).events!.source;
    const rows = await runDuckDbQuery(toDuckDb('SELECT DISTINCT user_id, user_ipaddress FROM {{events}}', { events }));
    const rawUsers = new Set(unique.map((e) => e.event.user_id).filter((v) => v !== null));
    const rawIps = new Set(unique.map((e) => e.event.user_ipaddress).filter((v) => v !== null));
    const users = new Set(rows.map((r) => r.user_id).filter((v) => v !== null));
    expect(rawUsers.size).toBeGreaterThan(5);
    expect(users).toEqual(new Set([...rawUsers].map((u) => lake.pseudonymiser.hash(u!))));
    expect(new Set(rows.map((r) => r.user_ipaddress).filter((v) => v !== null))).toEqual(new Set([...rawIps].map((ip) => lake.pseudonymiser.hash(ip!))));
    for (const raw of [...rawUsers, ...rawIps]) expect(users.has(raw)).toBe(false);

    // A table pseudonymised with the same key (customers.customer_id is personal in schemas/shop.ts) joins the archive.
    const mapping = lake.tables.customers.map((c) => `('${lake.pseudonymiser.hash(c.customer_id as string)}', '${c.customer_id as string}')`).join(', ');
    const joined = await runDuckDbQuery(
      toDuckDb(`SELECT COUNT(DISTINCT c.customer_id) AS customers FROM {{events}} e JOIN (VALUES ${mapping}) AS c(pseudonym, customer_id) ON c.pseudonym = e.user_id`, { events }),
    );
    const known = new Set(lake.tables.customers.map((c) => c.customer_id));
    expect(joined).toEqual([{ customers: [...rawUsers].filter((u) => known.has(u)).length }]);
  });

  it('the shop tables in the lake hold pseudonyms made with the archive key, so lake orders join the archive by user_id', async () => {
    const sources = lakeSources(lake.lakeDir);
    const inputs = { events: sources.events!.source, orders: sources.orders!.source, customers: sources.customers!.source };
    // The merge hashed every customer id (a personal key) with the key the archiver used.
    const customers = await runDuckDbQuery(toDuckDb('SELECT customer_id, email FROM {{customers}}', inputs));
    expect(new Set(customers.map((c) => c.customer_id))).toEqual(new Set(lake.tables.customers.map((c) => lake.pseudonymiser.hash(c.customer_id as string))));
    expect(new Set(customers.map((c) => c.email))).toEqual(new Set(lake.tables.customers.map((c) => lake.pseudonymiser.hash(c.email as string))));
    // Each order the shop-orders consumer made of a logged-in purchase joins its transaction event by
    // order id and by customer: orders.customer_id (hashed by the merge) = events.user_id (hashed by the archiver).
    const fromEvents = lake.tables.orders.filter((o) => o.order_id !== 'ord-phone-000001');
    expect(fromEvents.length).toBeGreaterThan(5);
    const [joined] = await runDuckDbQuery(
      toDuckDb(`SELECT COUNT(DISTINCT o.order_id) AS orders FROM {{orders}} o JOIN {{events}} e ON e.tr_orderid = o.order_id AND e.user_id = o.customer_id WHERE e.event_name = 'transaction'`, inputs),
    );
    expect(joined).toEqual({ orders: fromEvents.length });
    const [withCustomer] = await runDuckDbQuery(toDuckDb('SELECT COUNT(*) AS orders FROM {{orders}} o JOIN {{customers}} c ON c.customer_id = o.customer_id', inputs));
    expect(withCustomer).toEqual({ orders: lake.tables.orders.length });
  });

  it('no Parquet file under lake/ holds a raw customer id or e-mail, while the landing zone does', async () => {
    const raw = lake.tables.customers.flatMap((c) => [c.customer_id as string, c.email as string]);
    expect(raw.length).toBeGreaterThan(1000);
    // The scan finds them where DMS put them (so it can find them at all)...
    const landed = await findValuesInParquet(lake.landingDir, raw);
    expect(new Set([...landed.values()].flat())).toEqual(new Set(raw));
    // ...and nowhere in the lake: neither the events archive, the current-state tables, the merge's state, nor the offline store.
    const files = await parquetFilesUnder(lake.lakeDir);
    expect(files.some((f) => f.includes('/events/'))).toBe(true);
    expect(files.filter((f) => f.includes('/current/')).length).toBeGreaterThanOrEqual(4);
    expect(await findValuesInParquet(lake.lakeDir, raw)).toEqual(new Map());
  });

  it('names the input with no files, where they would be and what fills them', async () => {
    const sql = await readQuery('funnel_by_category.sql');
    const empty = join(lake.dataDir, 'empty-lake');
    const error = await runLakeQuery(sql, empty).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingLakeDataError);
    expect((error as Error).message).toBe(`the query reads {{events}} but there are no files for it under ${join(empty, 'events')} yet (written by the events archiver, once a minute)`);
  });
});
