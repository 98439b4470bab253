import { describe, expect, it } from 'vitest';
import { buildCatalog, generateEvents } from '../../../lib/generator';
import { ordersFromEvents } from '../../../lib/shop';

const catalog = buildCatalog();
const customers = new Set(catalog.customers.map((c) => c.id));
const skus = new Set(catalog.products.map((p) => p.sku));
const events = [...generateEvents({ events: 30_000, seed: 3 })].map((g) => g.event);

describe('ordersFromEvents', () => {
  it("makes one order per logged-in customer's transaction, with its id, customer, totals and lines, and skips guests", () => {
    const transactions = events.filter((e) => e.event_name === 'transaction');
    const { transactions: txs, guests, orphanItems } = ordersFromEvents(events, customers, skus);
    const known = transactions.filter((e) => e.user_id !== null && e.user_id !== undefined && customers.has(e.user_id));
    expect(known.length).toBeGreaterThan(5);
    expect(guests).toBe(transactions.length - known.length);
    const knownIds = new Set(known.map((e) => e.tr_orderid));
    expect(orphanItems).toBe(events.filter((e) => e.event_name === 'transaction_item' && !knownIds.has(e.ti_orderid)).length);
    expect(txs.map((tx) => tx.statements[0]!.key.order_id)).toEqual(known.map((e) => e.tr_orderid));
    for (const [i, tx] of txs.entries()) {
      const source = known[i]!;
      const [order, ...lines] = tx.statements;
      expect(order).toMatchObject({ table: 'orders', kind: 'insert', ifAbsent: true, values: { customer_id: source.user_id, total: source.tr_total!.toFixed(2), currency: source.tr_currency, status: 'placed' } });
      const items = events.filter((e) => e.event_name === 'transaction_item' && e.ti_orderid === source.tr_orderid);
      expect(lines.map((l) => [l.key.sku, l.values!.quantity, l.values!.price])).toEqual(items.map((e) => [e.ti_sku, e.ti_quantity, e.ti_price!.toFixed(2)]));
    }
  });

  it('skips items whose transaction is not in the batch and SKUs the shop does not sell', () => {
    const tx = events.find((e) => e.event_name === 'transaction' && e.user_id !== null && customers.has(e.user_id ?? ''))!;
    const items = events.filter((e) => e.event_name === 'transaction_item' && e.ti_orderid === tx.tr_orderid);
    expect(ordersFromEvents(items, customers, skus)).toEqual({ transactions: [], guests: 0, orphanItems: items.length });
    const some = ordersFromEvents([tx, ...items], customers, new Set());
    expect(some.transactions[0]!.statements).toHaveLength(1);
    expect(some.orphanItems).toBe(items.length);
  });
});
