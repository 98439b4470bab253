import type { ShopColumnType } from '../../schemas/shop';

/**
 * The PostgreSQL type of each {@link ShopColumnType}: `decimal` is `numeric(12,2)` (money to the
 * cent), `timestamp` is `timestamptz` (an instant; the replicator reads it in UTC).
 */
export const PG_TYPES: Readonly<Record<ShopColumnType, string>> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  decimal: 'numeric(12,2)',
  timestamp: 'timestamptz',
  boolean: 'boolean',
};

/**
 * The name `format_type_be` gives each type, as `test_decoding` writes it between brackets
 * (`price[numeric]:12.50`): the replicator checks a change's columns against these.
 */
export const PG_TYPE_NAMES: Readonly<Record<ShopColumnType, string>> = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  decimal: 'numeric',
  timestamp: 'timestamp with time zone',
  boolean: 'boolean',
};
