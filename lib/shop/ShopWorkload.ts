import { buildCatalog, type Catalog, deriveSeed, type Product, Rng } from '../generator';
import { orderTotals } from './orderTotals';
import { NOW, type ShopStatement, type ShopTransaction, type ShopValue } from './types';

/** The statuses an order goes through, in order. */
export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered'] as const;

/** Options of {@link ShopWorkload}. */
export interface ShopWorkloadOptions {
  /** The seed: the same seed gives the same transactions. @default 1 */
  readonly seed?: number;
  /** The shop. @default buildCatalog() */
  readonly catalog?: Catalog;
  /** Prefix of the order ids it places (distinct per run, so runs never collide). @default `ord-w<seed>-` */
  readonly orderPrefix?: string;
}

interface PlannedOrder {
  readonly id: string;
  readonly customerId: string;
  readonly country: string;
  status: number;
  readonly items: Map<string, { quantity: number; price: string }>;
}

/** What a step did, by kind, for logs and tests. */
export type WorkloadStepKind = 'place' | 'advance' | 'cancel' | 'reinsert' | 'burst' | 'product' | 'item';

const STEPS: readonly (readonly [WorkloadStepKind, number])[] = [
  ['place', 30],
  ['advance', 25],
  ['cancel', 10],
  ['reinsert', 5],
  ['burst', 10],
  ['product', 10],
  ['item', 10],
];

/**
 * Plans the shop's database traffic, deterministically from its seed and without any I/O:
 * orders placed by the catalogue's customers (the events' user ids) for its products, status
 * changes up to delivery (with loyalty points), cancellations (deletes, the order lines going
 * with the order), re-inserts of a cancelled order id, bursts of several updates of one row in a
 * row (well within one second), price, stock and availability changes, and added, changed and
 * removed order lines. It assumes every transaction it planned was committed.
 *
 * @example
 * ```ts
 * const workload = new ShopWorkload({ seed: 7 });
 * for (const tx of workload.step()) await applyShopTransaction(client, tx);
 * ```
 */
export class ShopWorkload {
  readonly #rng: Rng;
  readonly #catalog: Catalog;
  readonly #prefix: string;
  readonly #orders = new Map<string, PlannedOrder>();
  readonly #cancelled: PlannedOrder[] = [];
  readonly #stock = new Map<string, number>();
  #placed = 0;
  /** How many steps of each kind were planned. */
  readonly counts: Record<WorkloadStepKind, number> = { place: 0, advance: 0, cancel: 0, reinsert: 0, burst: 0, product: 0, item: 0 };

  constructor(options: ShopWorkloadOptions = {}) {
    const seed = options.seed ?? 1;
    this.#rng = new Rng(deriveSeed(seed, 'shop.workload'));
    this.#catalog = options.catalog ?? buildCatalog();
    this.#prefix = options.orderPrefix ?? `ord-w${seed}-`;
  }

  /** The next step: one transaction, or several for a burst (to be committed one after the other at once). */
  step(): ShopTransaction[] {
    let kind = this.#rng.weighted(STEPS);
    const open = [...this.#orders.values()];
    if (open.length === 0 || (kind === 'reinsert' && this.#cancelled.length === 0)) kind = 'place';
    this.counts[kind]++;
    switch (kind) {
      case 'place':
        return [this.#place(`${this.#prefix}${String(++this.#placed).padStart(6, '0')}`)];
      case 'reinsert':
        return [this.#place(this.#cancelled.splice(this.#rng.int(0, this.#cancelled.length - 1), 1)[0]!.id)];
      case 'advance':
        return [this.#advance(this.#rng.pick(open))];
      case 'cancel':
        return [this.#cancel(this.#rng.pick(open))];
      case 'burst':
        return this.#burst(this.#rng.pick(open));
      case 'product':
        return [this.#product(this.#rng.pick(this.#catalog.products))];
      case 'item':
        return [this.#item(this.#rng.pick(open))];
    }
  }

  #place(id: string): ShopTransaction {
    const customer = this.#rng.pick(this.#catalog.customers);
    const order: PlannedOrder = { id, customerId: customer.id, country: customer.country, status: 0, items: new Map() };
    const lines = this.#rng.int(1, 3);
    for (let i = 0; i < lines; i++) {
      const product = this.#rng.pick(this.#catalog.products);
      order.items.set(product.sku, { quantity: (order.items.get(product.sku)?.quantity ?? 0) + this.#rng.int(1, 2), price: product.price.toFixed(2) });
    }
    this.#orders.set(id, order);
    const { total } = orderTotals(order.items.values());
    const statements: ShopStatement[] = [
      {
        table: 'orders',
        kind: 'insert',
        key: { order_id: id },
        values: { customer_id: order.customerId, status: 'placed', total, total_base: total, currency: 'EUR', country: order.country, placed_at: NOW, shipped_at: null },
      },
      ...[...order.items].map(([sku, line]): ShopStatement => ({ table: 'order_items', kind: 'insert', key: { order_id: id, sku }, values: { ...line } })),
    ];
    return { label: `place order ${id}`, statements };
  }

  #advance(order: PlannedOrder): ShopTransaction {
    if (order.status === ORDER_STATUSES.length - 1) {
      // A delivered order leaves the workload's working set, so its rows stay as they are.
      this.#orders.delete(order.id);
      return { label: `return order ${order.id}`, statements: [{ table: 'orders', kind: 'update', key: { order_id: order.id }, values: { status: 'returned' } }] };
    }
    order.status++;
    const status = ORDER_STATUSES[order.status]!;
    const statements: ShopStatement[] = [{ table: 'orders', kind: 'update', key: { order_id: order.id }, values: status === 'shipped' ? { status, shipped_at: NOW } : { status } }];
    if (status === 'delivered') {
      const points = Math.floor(Number(orderTotals(order.items.values()).total));
      statements.push({ table: 'customers', kind: 'update', key: { customer_id: order.customerId }, values: { loyalty_points: { add: points } } });
    }
    return { label: `${status} order ${order.id}`, statements };
  }

  #cancel(order: PlannedOrder): ShopTransaction {
    this.#orders.delete(order.id);
    this.#cancelled.push(order);
    return { label: `cancel order ${order.id}`, statements: [{ table: 'orders', kind: 'delete', key: { order_id: order.id } }] };
  }

  #burst(order: PlannedOrder): ShopTransaction[] {
    const [sku, line] = this.#rng.pick([...order.items]);
    const txs: ShopTransaction[] = [];
    for (let i = this.#rng.int(3, 5); i > 0; i--) {
      line.quantity = this.#rng.int(1, 9);
      txs.push({
        label: `burst: quantity ${line.quantity} of ${sku} in order ${order.id}`,
        statements: [
          { table: 'order_items', kind: 'update', key: { order_id: order.id, sku }, values: { quantity: line.quantity } },
          { table: 'orders', kind: 'update', key: { order_id: order.id }, values: { total: orderTotals(order.items.values()).total, total_base: orderTotals(order.items.values()).total } },
        ],
      });
    }
    return txs;
  }

  #product(product: Product): ShopTransaction {
    const stock = this.#stock.get(product.sku) ?? 100;
    const r = this.#rng.next();
    let values: Record<string, ShopValue>;
    if (r < 0.5) {
      const left = Math.max(0, stock - this.#rng.int(1, 5));
      this.#stock.set(product.sku, left);
      values = { stock: left };
    } else if (r < 0.8) {
      values = { price: (Math.round(product.price * this.#rng.int(80, 120)) / 100).toFixed(2) };
    } else {
      values = { active: this.#rng.chance(0.7) };
    }
    return { label: `product ${product.sku}: ${JSON.stringify(values)}`, statements: [{ table: 'products', kind: 'update', key: { sku: product.sku }, values }] };
  }

  #item(order: PlannedOrder): ShopTransaction {
    const product = this.#rng.pick(this.#catalog.products);
    const existing = order.items.get(product.sku);
    let statement: ShopStatement;
    if (existing === undefined) {
      order.items.set(product.sku, { quantity: 1, price: product.price.toFixed(2) });
      statement = { table: 'order_items', kind: 'insert', key: { order_id: order.id, sku: product.sku }, values: { quantity: 1, price: product.price.toFixed(2) } };
    } else if (order.items.size > 1) {
      order.items.delete(product.sku);
      statement = { table: 'order_items', kind: 'delete', key: { order_id: order.id, sku: product.sku } };
    } else {
      existing.quantity++;
      statement = { table: 'order_items', kind: 'update', key: { order_id: order.id, sku: product.sku }, values: { quantity: existing.quantity } };
    }
    const { total } = orderTotals(order.items.values());
    return {
      label: `order ${order.id}: ${statement.kind} line ${product.sku}`,
      statements: [statement, { table: 'orders', kind: 'update', key: { order_id: order.id }, values: { total, total_base: total } }],
    };
  }
}
