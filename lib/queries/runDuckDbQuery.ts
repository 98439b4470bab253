import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import type { DuckDbQuery } from './types';

const WIDE_INTEGERS = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

/**
 * Runs a translated query in a fresh in-memory DuckDB and returns its rows as JSON values:
 * timestamps as `YYYY-MM-DD hh:mm:ss[.fff]` text, 64-bit integers (Feature Store's Integral) as
 * numbers when they are safe integers, else as decimal text.
 *
 * @default threads 1, so a query does not take a shared machine's cores from the services.
 * @example
 * ```ts
 * const rows = await runDuckDbQuery(toDuckDb(sql, sources));
 * ```
 */
export async function runDuckDbQuery(query: DuckDbQuery, options: { threads?: number } = {}): Promise<Record<string, unknown>[]> {
  return (await runDuckDbQueryTable(query, options)).rows;
}

/** Like {@link runDuckDbQuery}, with the result's column names in order (known even with no rows). */
export async function runDuckDbQueryTable(query: DuckDbQuery, options: { threads?: number } = {}): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 1) });
  const connection = await instance.connect();
  try {
    for (const statement of query.setup) await connection.run(statement);
    const reader = await connection.runAndReadAll(query.sql);
    const names = reader.columnNames();
    const wide = reader.columnTypes().flatMap((type, index) => (WIDE_INTEGERS.has(type.typeId) ? [names[index]!] : []));
    const rows = (reader.getRowObjectsJson() as Record<string, unknown>[]).map((row) => {
      for (const name of wide) {
        const value = row[name];
        if (typeof value === 'string' && Number.isSafeInteger(Number(value))) row[name] = Number(value);
      }
      return row;
    });
    return { columns: names, rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
