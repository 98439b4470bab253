import type pg from 'pg';
import { SHOP_SCHEMA, SHOP_TABLES } from '../../schemas/shop';
import { quoteIdent, type ShopStatement, type ShopTransaction } from '../../lib/shop';
import { ShopStatementError } from './errors';

interface Sql {
  readonly text: string;
  readonly values: unknown[];
}

/** The SQL of one statement, checked against the table's declaration. */
function toSql(tx: ShopTransaction, index: number, s: ShopStatement): Sql {
  const table = SHOP_TABLES.find((t) => t.name === s.table);
  if (table === undefined) throw new ShopStatementError(tx.label, index, `unknown table '${s.table}'`);
  const known = new Set(table.columns.map((c) => c.name));
  for (const name of [...Object.keys(s.key), ...Object.keys(s.values ?? {})]) {
    if (!known.has(name)) throw new ShopStatementError(tx.label, index, `table ${s.table} has no column '${name}'`);
  }
  for (const name of table.primaryKey) {
    if (s.key[name] === undefined || s.key[name] === null) throw new ShopStatementError(tx.label, index, `primary-key column ${s.table}.${name} is missing`);
  }
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const expr = (name: string, value: unknown): string => {
    if (typeof value === 'object' && value !== null && 'now' in value) return 'now()';
    if (typeof value === 'object' && value !== null && 'add' in value) return `${quoteIdent(name)} + ${param((value as { add: number }).add)}`;
    return param(value);
  };
  const target = `${quoteIdent(SHOP_SCHEMA)}.${quoteIdent(table.name)}`;
  const where = () => table.primaryKey.map((k) => `${quoteIdent(k)} = ${param(s.key[k])}`).join(' AND ');
  if (s.kind === 'delete') return { text: `DELETE FROM ${target} WHERE ${where()}`, values };
  const set = Object.entries(s.values ?? {}).filter(([name]) => name !== 'updated_at');
  if (s.kind === 'insert') {
    const row = [...Object.entries(s.key), ...set];
    const names = [...row.map(([n]) => quoteIdent(n)), quoteIdent('updated_at')];
    const exprs = [...row.map(([n, v]) => expr(n, v)), 'now()'];
    return { text: `INSERT INTO ${target} (${names.join(', ')}) VALUES (${exprs.join(', ')})${s.ifAbsent === true ? ' ON CONFLICT DO NOTHING' : ''}`, values };
  }
  const assignments = [...set.map(([n, v]) => `${quoteIdent(n)} = ${expr(n, v)}`), `${quoteIdent('updated_at')} = now()`];
  return { text: `UPDATE ${target} SET ${assignments.join(', ')} WHERE ${where()}`, values };
}

/**
 * Commits one planned shop transaction: every statement in one PostgreSQL transaction, rolled
 * back whole when one fails. `updated_at` (and a {@link NOW} value) is the transaction's `now()`.
 * Statements are checked against SHOP_TABLES before anything is sent.
 *
 * @throws ShopStatementError naming the transaction, the statement and the table or column.
 * @example
 * ```ts
 * for (const tx of workload.step()) await applyShopTransaction(client, tx);
 * ```
 */
export async function applyShopTransaction(client: pg.ClientBase, tx: ShopTransaction): Promise<void> {
  const statements = tx.statements.map((s, i) => toSql(tx, i, s));
  await client.query('BEGIN');
  try {
    for (const s of statements) await client.query(s.text, s.values);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
