import { buildCatalog, type Catalog } from '../generator';
import type { ShopSeed } from './types';

/** When the catalogue's rows were last written: before the default traffic start. */
export const SEED_UPDATED_AT = '2026-11-01T00:00:00.000Z';

/** Units in stock of every product at first. */
export const SEED_STOCK = 100;

/**
 * The seed rows of the shop, from the same catalogue the event generator uses: customers are
 * the events' user ids, products the events' SKUs, names, categories and prices (EUR). There are
 * no orders at first; the workload places them.
 *
 * @example
 * ```ts
 * shopSeedRows().customers[0]; // { customer_id: 'cust-000001', first_name: '…', …, loyalty_points: 0 }
 * ```
 */
export function shopSeedRows(catalog: Catalog = buildCatalog()): ShopSeed {
  return {
    customers: catalog.customers.map((c) => ({
      customer_id: c.id,
      first_name: c.firstName,
      last_name: c.lastName,
      email: c.email,
      country: c.country,
      loyalty_points: 0,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    })),
    products: catalog.products.map((p) => ({
      sku: p.sku,
      name: p.name,
      category: p.category,
      category_slug: p.categorySlug,
      price: p.price.toFixed(2),
      currency: 'EUR',
      stock: SEED_STOCK,
      active: true,
      updated_at: SEED_UPDATED_AT,
    })),
    orders: [],
    order_items: [],
  };
}
