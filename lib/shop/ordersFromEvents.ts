import type { EnrichedEvent } from '../../schemas/enriched-event';
import { NOW, type ShopStatement, type ShopTransaction } from './types';

/** The fields of a transaction or transaction_item event an order is made from. */
export type TransactionEventFields = Pick<
  EnrichedEvent,
  'event_name' | 'user_id' | 'tr_orderid' | 'tr_total' | 'tr_total_base' | 'tr_currency' | 'tr_country' | 'ti_orderid' | 'ti_sku' | 'ti_price' | 'ti_quantity' | 'derived_tstamp' | 'collector_tstamp'
>;

/** What {@link ordersFromEvents} made of a batch. */
export interface OrdersFromEvents {
  readonly transactions: ShopTransaction[];
  /** Transaction events of visitors not logged in as a known customer (guest checkouts: no customer row to point at). */
  readonly guests: number;
  /** Item events with no order made from this batch (a guest's, or their transaction event in another batch), or whose SKU the shop does not sell. */
  readonly orphanItems: number;
}

const money = (n: number | null | undefined): string => (n ?? 0).toFixed(2);

/**
 * The shop's side of the demo's purchases: for each `transaction` event of a logged-in customer,
 * the order the shop's backend would have written, with the same order id (`tr_orderid`), customer
 * (`user_id`), totals, currency and country, placed at the event's time, and its lines from the
 * batch's `transaction_item` events. Inserts skip a row that exists, so a batch read twice
 * changes nothing. Pure: no database, no clock.
 *
 * @example
 * ```ts
 * const { transactions } = ordersFromEvents(events, new Set(customerIds), new Set(skus));
 * ```
 */
export function ordersFromEvents(events: Iterable<TransactionEventFields>, customers: ReadonlySet<string>, skus: ReadonlySet<string>): OrdersFromEvents {
  const orders = new Map<string, { order: ShopStatement; lines: Map<string, { quantity: number; price: string }> }>();
  const items: TransactionEventFields[] = [];
  let guests = 0;
  for (const e of events) {
    if (e.event_name === 'transaction_item') items.push(e);
    if (e.event_name !== 'transaction' || e.tr_orderid === null || e.tr_orderid === undefined || orders.has(e.tr_orderid)) continue;
    if (e.user_id === null || e.user_id === undefined || !customers.has(e.user_id)) {
      guests++;
      continue;
    }
    const placedMs = e.derived_tstamp ?? e.collector_tstamp;
    orders.set(e.tr_orderid, {
      order: {
        table: 'orders',
        kind: 'insert',
        ifAbsent: true,
        key: { order_id: e.tr_orderid },
        values: {
          customer_id: e.user_id,
          status: 'placed',
          total: money(e.tr_total),
          total_base: money(e.tr_total_base ?? e.tr_total),
          currency: e.tr_currency ?? 'EUR',
          country: e.tr_country ?? null,
          placed_at: placedMs === null || placedMs === undefined ? NOW : new Date(placedMs).toISOString(),
          shipped_at: null,
        },
      },
      lines: new Map(),
    });
  }
  let orphanItems = 0;
  for (const item of items) {
    const entry = item.ti_orderid === null || item.ti_orderid === undefined ? undefined : orders.get(item.ti_orderid);
    if (entry === undefined || item.ti_sku === null || item.ti_sku === undefined || !skus.has(item.ti_sku)) {
      orphanItems++;
      continue;
    }
    const line = entry.lines.get(item.ti_sku);
    entry.lines.set(item.ti_sku, { quantity: (line?.quantity ?? 0) + (item.ti_quantity ?? 1), price: money(item.ti_price) });
  }
  const transactions = [...orders].map(([orderId, { order, lines }]): ShopTransaction => ({
    label: `order ${orderId} from its transaction event`,
    statements: [order, ...[...lines].map(([sku, line]): ShopStatement => ({ table: 'order_items', kind: 'insert', ifAbsent: true, key: { order_id: orderId, sku }, values: line }))],
  }));
  return { transactions, guests, orphanItems };
}
