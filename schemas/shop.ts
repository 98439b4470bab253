/**
 * The demo shop's PostgreSQL database, declared once as data.
 *
 * The PostgreSQL DDL (lib/shop), the DMS Parquet files (local/replicator), the Glue columns and
 * the merge SQL are all derived from {@link SHOP_TABLES}; no other file lists these columns.
 * Customer ids are the events' `user_id`, SKUs the events' `se_label`/`ti_sku`, order ids the
 * transaction events' `tr_orderid`, so the lake can join the database to the events.
 */

/**
 * A column type of the shop database: `decimal` is `numeric(12,2)`, `timestamp` is
 * `timestamptz` (UTC, microseconds), `integer` 32-bit, `bigint` 64-bit.
 */
export type ShopColumnType = 'text' | 'integer' | 'bigint' | 'decimal' | 'timestamp' | 'boolean';

/** Every {@link ShopColumnType}, in declaration order. */
export const SHOP_COLUMN_TYPES: readonly ShopColumnType[] = ['text', 'integer', 'bigint', 'decimal', 'timestamp', 'boolean'];

/** One column of a shop table. */
export interface ShopColumn {
  /** snake_case, as in PostgreSQL, the Parquet files and Glue. */
  readonly name: string;
  readonly type: ShopColumnType;
  /** Whether the column may hold NULL. Primary-key columns never do. */
  readonly nullable: boolean;
  /** One line for the Glue catalog and the README. */
  readonly description: string;
  /** Personal data (DESIGN.md: pseudonymised before it reaches the lake's analysts). @default false */
  readonly personal?: boolean;
}

/** One table of the shop database (schema `public`). Every table has `updated_at timestamp`. */
export interface ShopTable {
  readonly name: string;
  readonly description: string;
  /** The primary key's columns, in key order. */
  readonly primaryKey: readonly string[];
  /** The columns, in table order (the order of the DDL and of the DMS Parquet files after DMS's own columns). */
  readonly columns: readonly ShopColumn[];
}

/** The PostgreSQL schema the shop's tables live in (DMS writes it as the first folder under its prefix). */
export const SHOP_SCHEMA = 'public';

const updatedAt: ShopColumn = { name: 'updated_at', type: 'timestamp', nullable: false, description: 'When the row was last written (UTC)' };

/**
 * The shop's tables: customers, products, orders and order_items.
 *
 * @example
 * ```ts
 * const orders = shopTable('orders');
 * orders.primaryKey; // ['order_id']
 * ```
 */
export const SHOP_TABLES: readonly ShopTable[] = [
  {
    name: 'customers',
    description: 'Registered customers of the shop; customer_id is the user_id of the events they send when logged in',
    primaryKey: ['customer_id'],
    columns: [
      { name: 'customer_id', type: 'text', nullable: false, description: 'Customer id, e.g. cust-000123 (the events\' user_id)', personal: true },
      { name: 'first_name', type: 'text', nullable: false, description: 'First name', personal: true },
      { name: 'last_name', type: 'text', nullable: false, description: 'Last name', personal: true },
      { name: 'email', type: 'text', nullable: false, description: 'E-mail address', personal: true },
      { name: 'country', type: 'text', nullable: false, description: 'ISO 3166-1 alpha-2 country code' },
      { name: 'loyalty_points', type: 'bigint', nullable: false, description: 'Loyalty points earned by delivered orders' },
      { name: 'created_at', type: 'timestamp', nullable: false, description: 'When the account was created (UTC)' },
      updatedAt,
    ],
  },
  {
    name: 'products',
    description: 'The catalogue; sku is the events\' se_label and ti_sku',
    primaryKey: ['sku'],
    columns: [
      { name: 'sku', type: 'text', nullable: false, description: 'Stock keeping unit, e.g. SKU-00042' },
      { name: 'name', type: 'text', nullable: false, description: 'Product name' },
      { name: 'category', type: 'text', nullable: false, description: 'Category display name, as ti_category holds it' },
      { name: 'category_slug', type: 'text', nullable: false, description: 'Category URL slug (/c/<slug>)' },
      { name: 'price', type: 'decimal', nullable: false, description: 'Unit price in currency, VAT included' },
      { name: 'currency', type: 'text', nullable: false, description: 'ISO 4217 currency of price (the base currency, EUR)' },
      { name: 'stock', type: 'integer', nullable: false, description: 'Units in stock' },
      { name: 'active', type: 'boolean', nullable: false, description: 'Whether the product is on sale' },
      updatedAt,
    ],
  },
  {
    name: 'orders',
    description: 'Orders; order_id is the transaction events\' tr_orderid',
    primaryKey: ['order_id'],
    columns: [
      { name: 'order_id', type: 'text', nullable: false, description: 'Order id (the events\' tr_orderid)' },
      { name: 'customer_id', type: 'text', nullable: false, description: 'The customer who placed it (customers.customer_id)', personal: true },
      { name: 'status', type: 'text', nullable: false, description: 'placed, paid, shipped, delivered or returned' },
      { name: 'total', type: 'decimal', nullable: false, description: 'Order total in currency, VAT and shipping included' },
      { name: 'total_base', type: 'decimal', nullable: false, description: 'Order total in the base currency (EUR)' },
      { name: 'currency', type: 'text', nullable: false, description: 'ISO 4217 currency of total' },
      { name: 'country', type: 'text', nullable: true, description: 'Shipping country, ISO 3166-1 alpha-2' },
      { name: 'placed_at', type: 'timestamp', nullable: false, description: 'When the order was placed (UTC)' },
      { name: 'shipped_at', type: 'timestamp', nullable: true, description: 'When the order was shipped (UTC), NULL until then' },
      updatedAt,
    ],
  },
  {
    name: 'order_items',
    description: 'Lines of an order: one per product',
    primaryKey: ['order_id', 'sku'],
    columns: [
      { name: 'order_id', type: 'text', nullable: false, description: 'The order (orders.order_id)' },
      { name: 'sku', type: 'text', nullable: false, description: 'The product (products.sku)' },
      { name: 'quantity', type: 'integer', nullable: false, description: 'Units ordered' },
      { name: 'price', type: 'decimal', nullable: false, description: 'Unit price in the order\'s currency' },
      updatedAt,
    ],
  },
];

/**
 * The shop table with this name.
 * @throws Error naming the table and the known tables when there is none.
 */
export function shopTable(name: string): ShopTable {
  const table = SHOP_TABLES.find((t) => t.name === name);
  if (table === undefined) throw new Error(`Unknown shop table '${name}': expected one of ${SHOP_TABLES.map((t) => t.name).join(', ')}`);
  return table;
}
