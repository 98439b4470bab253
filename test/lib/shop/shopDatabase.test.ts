import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, generateEvents } from '../../../lib/generator';
import { ordersFromEvents, ShopWorkload } from '../../../lib/shop';
import { applyShopTransaction, prepareShopDatabase, ShopStatementError, startPostgres, type PostgresService } from '../../../local/postgres';
import { findFreePort } from '../../../local/up/findFreePort';

let postgres: PostgresService;
let client: pg.Client;

beforeAll(async () => {
  postgres = await startPostgres({ port: await findFreePort() });
  client = new pg.Client({ connectionString: postgres.endpoint });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client?.end();
  await postgres?.close();
});

const count = async (table: string): Promise<number> => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe('the shop database on PostgreSQL', () => {
  it('is created and seeded once; running it again changes no row, not even one the workload changed', async () => {
    expect((await prepareShopDatabase(postgres.endpoint)).inserted).toEqual({ customers: 800, products: 240, orders: 0, order_items: 0 });
    await client.query("UPDATE products SET stock = 3 WHERE sku = 'SKU-00001'");
    expect((await prepareShopDatabase(postgres.endpoint)).inserted).toEqual({ customers: 0, products: 0, orders: 0, order_items: 0 });
    expect((await client.query("SELECT stock FROM products WHERE sku = 'SKU-00001'")).rows).toEqual([{ stock: 3 }]);
    expect((await client.query("SELECT relreplident FROM pg_class WHERE relname = 'orders'")).rows).toEqual([{ relreplident: 'd' }]);
  }, 30_000);

  it('applies the workload transaction by transaction, with updated_at from the writing transaction', async () => {
    const workload = new ShopWorkload({ seed: 4 });
    for (let i = 0; i < 150; i++) for (const tx of workload.step()) await applyShopTransaction(client, tx);
    expect(await count('orders')).toBeGreaterThan(10);
    const stale = await client.query("SELECT order_id FROM orders WHERE updated_at < now() - interval '1 minute' OR placed_at > updated_at");
    expect(stale.rows).toEqual([]);
    // Every order's lines add up to its total (shipping below 100 EUR).
    const mismatched = await client.query(`
      SELECT o.order_id FROM orders o JOIN order_items i USING (order_id) WHERE o.status <> 'returned'
      GROUP BY o.order_id, o.total HAVING o.total <> sum(i.quantity * i.price) + CASE WHEN sum(i.quantity * i.price) < 100 THEN 5.95 ELSE 0 END`);
    expect(mismatched.rows).toEqual([]);
  }, 30_000);

  it("writes the demo's purchases as orders with the events' ids; the same batch again changes nothing", async () => {
    const catalog = buildCatalog();
    const events = [...generateEvents({ events: 20_000, seed: 8 })].map((g) => g.event);
    const { transactions } = ordersFromEvents(events, new Set(catalog.customers.map((c) => c.id)), new Set(catalog.products.map((p) => p.sku)));
    const before = await count('orders');
    for (const tx of transactions) await applyShopTransaction(client, tx);
    const snapshot = (await client.query('SELECT * FROM orders ORDER BY order_id')).rows;
    for (const tx of transactions) await applyShopTransaction(client, tx);
    expect(await count('orders')).toBe(before + transactions.length);
    expect((await client.query('SELECT * FROM orders ORDER BY order_id')).rows).toEqual(snapshot);
    const id = String(transactions[0]!.statements[0]!.key.order_id);
    const source = events.find((e) => e.event_name === 'transaction' && e.tr_orderid === id)!;
    expect((await client.query('SELECT customer_id, total::text, placed_at FROM orders WHERE order_id = $1', [id])).rows).toEqual([
      { customer_id: source.user_id, total: source.tr_total!.toFixed(2), placed_at: new Date(source.derived_tstamp!) },
    ]);
  }, 30_000);

  it('refuses a statement naming an unknown table or column or missing its key, sending nothing; a failing statement rolls back its transaction', async () => {
    const before = await count('orders');
    const place = { table: 'orders', kind: 'insert', key: { order_id: 'o-bad' }, values: { customer_id: 'cust-000001', status: 'placed', total: '1.00', total_base: '1.00', currency: 'EUR', country: null, placed_at: '2026-11-22T10:00:00Z', shipped_at: null } } as const;
    await expect(applyShopTransaction(client, { label: 'bad column', statements: [place, { table: 'orders', kind: 'update', key: { order_id: 'o-bad' }, values: { colour: 'red' } }] })).rejects.toThrow(
      "shop transaction 'bad column', statement 1: table orders has no column 'colour'; nothing was written",
    );
    await expect(applyShopTransaction(client, { label: 'bad table', statements: [{ table: 'invoices', kind: 'delete', key: { id: 1 } }] })).rejects.toThrow(ShopStatementError);
    await expect(applyShopTransaction(client, { label: 'no key', statements: [{ table: 'order_items', kind: 'delete', key: { order_id: 'x' } }] })).rejects.toThrow(/primary-key column order_items\.sku is missing/);
    await expect(applyShopTransaction(client, { label: 'unknown sku', statements: [place, { table: 'order_items', kind: 'insert', key: { order_id: 'o-bad', sku: 'SKU-NOPE' }, values: { quantity: 1, price: '1.00' } }] })).rejects.toThrow(/foreign key/);
    expect(await count('orders')).toBe(before);
  }, 30_000);
});
