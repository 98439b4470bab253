import { SHOP_SCHEMA, SHOP_TABLES, type ShopTable } from '../../schemas/shop';
import { PG_TYPES } from './pgTypes';

/** Foreign keys of the shop, by table: orders belong to customers, order lines to orders (deleted with them) and products. */
const FOREIGN_KEYS: Readonly<Record<string, readonly string[]>> = {
  orders: ['FOREIGN KEY (customer_id) REFERENCES customers (customer_id)'],
  order_items: ['FOREIGN KEY (order_id) REFERENCES orders (order_id) ON DELETE CASCADE', 'FOREIGN KEY (sku) REFERENCES products (sku)'],
};

/** Quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The `CREATE TABLE IF NOT EXISTS` statement of one shop table, derived from its declaration. */
export function createTableSql(table: ShopTable): string {
  const columns = table.columns.map((c) => `  ${quoteIdent(c.name)} ${PG_TYPES[c.type]}${c.nullable ? '' : ' NOT NULL'}`);
  const constraints = [`PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`, ...(FOREIGN_KEYS[table.name] ?? [])];
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(SHOP_SCHEMA)}.${quoteIdent(table.name)} (\n${[...columns, ...constraints.map((c) => `  ${c}`)].join(',\n')}\n)`;
}

/**
 * The shop's DDL, in dependency order, safe to run again: one `CREATE TABLE IF NOT EXISTS` per
 * table of {@link SHOP_TABLES}. Replica identity stays the default (the primary key), so
 * `test_decoding` writes the old key of an UPDATE that changes it and the key of every DELETE,
 * as DMS requires of a PostgreSQL source.
 *
 * @example
 * ```ts
 * for (const statement of shopDdl()) await client.query(statement);
 * ```
 */
export function shopDdl(tables: readonly ShopTable[] = SHOP_TABLES): string[] {
  return tables.map(createTableSql);
}
