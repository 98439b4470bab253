import type { ShopTable } from '../../schemas/shop';
import { PSEUDONYM_FUNCTION } from './constants';

/**
 * The columns of a shop table marked `personal` in `schemas/shop.ts`, in table order: the merge
 * replaces each of their values by its pseudonym before it reaches the lake.
 *
 * @example
 * ```ts
 * personalColumns(shopTable('orders')); // ['customer_id']
 * ```
 */
export function personalColumns(table: ShopTable): string[] {
  return table.columns.filter((c) => c.personal === true).map((c) => c.name);
}

/**
 * A column as the merge reads it from the landing zone: `snowline_pseudonym(<column>)` when the
 * column is personal, else the column itself.
 *
 * @example
 * ```ts
 * pseudonymisedColumn(shopTable('orders'), 'customer_id'); // 'snowline_pseudonym(customer_id)'
 * pseudonymisedColumn(shopTable('orders'), 'order_id');    // 'order_id'
 * ```
 */
export function pseudonymisedColumn(table: ShopTable, column: string): string {
  return personalColumns(table).includes(column) ? `${PSEUDONYM_FUNCTION}(${column})` : column;
}

/**
 * The personal columns of every table that has some, as the JSON the Glue job takes in its
 * `--personal_columns` argument.
 *
 * @example
 * ```ts
 * personalColumnsJson(SHOP_TABLES);
 * // '{"customers":["customer_id","first_name","last_name","email"],"orders":["customer_id"]}'
 * ```
 */
export function personalColumnsJson(tables: readonly ShopTable[]): string {
  return JSON.stringify(Object.fromEntries(tables.map((t) => [t.name, personalColumns(t)] as const).filter(([, columns]) => columns.length > 0)));
}
