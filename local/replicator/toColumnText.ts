import type { ShopColumn } from '../../schemas/shop';
import { ReplicatedValueError } from './errors';
import { normalizeTimestamp } from './normalizeTimestamp';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const LIMITS = { integer: 2n ** 31n, bigint: 2n ** 63n } as const;

/**
 * Checks one replicated value (PostgreSQL's text of it) against its declared column and puts it
 * in the form the Parquet writer casts: integers and decimals as digits, booleans `true`/`false`
 * (PostgreSQL's `t`/`f` too), timestamps as UTC `YYYY-MM-DD hh:mm:ss.ffffff`, text as it is.
 *
 * @throws ReplicatedValueError naming the table, the column and the value when it does not fit.
 */
export function toColumnText(table: string, column: ShopColumn, value: string | null): string | null {
  if (value === null) {
    if (!column.nullable) throw new ReplicatedValueError(table, column.name, 'NULL in a NOT NULL column');
    return null;
  }
  const bad = (expected: string): never => {
    throw new ReplicatedValueError(table, column.name, `expected ${expected}, got '${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`);
  };
  switch (column.type) {
    case 'text':
      return value;
    case 'integer':
    case 'bigint': {
      if (!INTEGER.test(value)) return bad(`an ${column.type}`);
      const n = BigInt(value);
      if (n >= LIMITS[column.type] || n < -LIMITS[column.type]) return bad(`an ${column.type} in range`);
      return value;
    }
    case 'decimal':
      return DECIMAL.test(value) ? value : bad('a decimal number');
    case 'boolean':
      if (value === 'true' || value === 't') return 'true';
      if (value === 'false' || value === 'f') return 'false';
      return bad('true or false');
    case 'timestamp':
      return normalizeTimestamp(value) ?? bad('a timestamp between years 1 and 9999');
  }
}
