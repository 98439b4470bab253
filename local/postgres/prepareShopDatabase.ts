import pg from 'pg';
import { SHOP_SCHEMA, SHOP_TABLES } from '../../schemas/shop';
import { quoteIdent, shopDdl, shopSeedRows, type ShopSeed } from '../../lib/shop';

/** What {@link prepareShopDatabase} wrote. */
export interface PreparedShop {
  /** Seed rows inserted by this call, by table (0 when they were there already). */
  readonly inserted: Readonly<Record<string, number>>;
}

/** Rows per INSERT statement of the seed. */
const SEED_BATCH = 500;

/**
 * Creates the shop's tables (derived from SHOP_TABLES) and inserts the seed rows that are not
 * there yet, in one transaction: safe to run on every start, and it never overwrites a row the
 * workload changed.
 *
 * @example
 * ```ts
 * await prepareShopDatabase(postgres.endpoint);
 * ```
 */
export async function prepareShopDatabase(endpoint: string, seed: ShopSeed = shopSeedRows()): Promise<PreparedShop> {
  const client = new pg.Client({ connectionString: endpoint, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const statement of shopDdl()) await client.query(statement);
    const inserted: Record<string, number> = {};
    for (const table of SHOP_TABLES) {
      const rows = seed[table.name] ?? [];
      let count = 0;
      const names = table.columns.map((c) => c.name);
      for (let start = 0; start < rows.length; start += SEED_BATCH) {
        const batch = rows.slice(start, start + SEED_BATCH);
        const values: unknown[] = [];
        const tuples = batch.map((row) => `(${names.map((n) => `$${values.push(row[n] ?? null)}`).join(', ')})`);
        const result = await client.query(
          `INSERT INTO ${quoteIdent(SHOP_SCHEMA)}.${quoteIdent(table.name)} (${names.map(quoteIdent).join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
          values,
        );
        count += result.rowCount ?? 0;
      }
      inserted[table.name] = count;
    }
    await client.query('COMMIT');
    return { inserted };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
