import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../lib/generator';
import { orderTotals, PG_TYPES, SEED_STOCK, ShopWorkload, shopDdl, shopSeedRows, type ShopStatement, type ShopValue } from '../../../lib/shop';
import { SHOP_TABLES, shopTable } from '../../../schemas/shop';

describe('shopDdl', () => {
  it('creates every declared table with its columns, types, NOT NULLs and primary key, and nothing else', () => {
    const ddl = shopDdl();
    expect(ddl).toHaveLength(SHOP_TABLES.length);
    SHOP_TABLES.forEach((table, i) => {
      const sql = ddl[i]!;
      expect(sql).toMatch(new RegExp(`^CREATE TABLE IF NOT EXISTS "public"\\."${table.name}" \\(`));
      for (const c of table.columns) expect(sql).toContain(`"${c.name}" ${PG_TYPES[c.type]}${c.nullable ? ',' : ' NOT NULL'}`);
      expect(sql).toContain(`PRIMARY KEY (${table.primaryKey.map((k) => `"${k}"`).join(', ')})`);
      expect(sql.match(/^ {2}"/gm)).toHaveLength(table.columns.length);
    });
  });

  it('declares updated_at on every table and keys that are NOT NULL columns', () => {
    for (const table of SHOP_TABLES) {
      expect(table.columns.find((c) => c.name === 'updated_at')?.type).toBe('timestamp');
      for (const key of table.primaryKey) expect(table.columns.find((c) => c.name === key)?.nullable).toBe(false);
    }
  });
});

describe('shopSeedRows', () => {
  it("holds the event generator's customers and products, every declared column filled", () => {
    const catalog = buildCatalog();
    const seed = shopSeedRows(catalog);
    expect(seed.customers!.map((c) => c.customer_id)).toEqual(catalog.customers.map((c) => c.id));
    expect(seed.products!.map((p) => [p.sku, p.name, p.category, p.price])).toEqual(catalog.products.map((p) => [p.sku, p.name, p.category, p.price.toFixed(2)]));
    expect(seed.products!.every((p) => p.stock === SEED_STOCK && p.active === true)).toBe(true);
    for (const table of SHOP_TABLES) {
      for (const row of seed[table.name]!) {
        expect(Object.keys(row).sort()).toEqual(table.columns.map((c) => c.name).sort());
        for (const c of table.columns) if (!c.nullable) expect(row[c.name], `${table.name}.${c.name}`).not.toBeNull();
      }
    }
  });
});

/** Applies planned statements to an in-memory copy of the shop, checking each against the plan's own promises. */
function applyToModel(model: Map<string, Map<string, Record<string, unknown>>>, s: ShopStatement): void {
  const table = shopTable(s.table);
  const key = table.primaryKey.map((k) => String(s.key[k])).join('|');
  const rows = model.get(s.table)!;
  if (s.kind === 'insert') {
    expect(rows.has(key), `insert of an existing ${s.table} ${key}`).toBe(false);
    rows.set(key, { ...s.key, ...s.values });
  } else if (s.kind === 'update') {
    const row = rows.get(key);
    expect(row, `update of a missing ${s.table} ${key}`).toBeDefined();
    for (const [name, value] of Object.entries(s.values ?? {})) {
      row![name] = typeof value === 'object' && value !== null && 'add' in value ? Number(row![name]) + value.add : value;
    }
  } else {
    expect(rows.delete(key), `delete of a missing ${s.table} ${key}`).toBe(true);
    // ON DELETE CASCADE
    if (s.table === 'orders') for (const k of [...model.get('order_items')!.keys()]) if (k.startsWith(`${String(s.key.order_id)}|`)) model.get('order_items')!.delete(k);
  }
}

describe('ShopWorkload', () => {
  it('is the same for the same seed and differs for another', () => {
    const run = (seed: number) => {
      const w = new ShopWorkload({ seed });
      return Array.from({ length: 200 }, () => w.step());
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('plans every kind of change, only on rows that exist, keeping order totals equal to their lines', () => {
    const seed = shopSeedRows();
    const model = new Map(SHOP_TABLES.map((t) => [t.name, new Map<string, Record<string, unknown>>()]));
    for (const c of seed.customers!) model.get('customers')!.set(String(c.customer_id), { ...c });
    for (const p of seed.products!) model.get('products')!.set(String(p.sku), { ...p });
    const workload = new ShopWorkload({ seed: 9 });
    const cancelled = new Set<string>();
    let reinserted = 0;
    let bursts = 0;
    for (let i = 0; i < 2000; i++) {
      const txs = workload.step();
      if (txs.length > 1) {
        bursts++;
        const keys = new Set(txs.map((tx) => JSON.stringify(tx.statements[0]!.key)));
        expect(keys.size, 'a burst updates one row').toBe(1);
        expect(txs.length).toBeGreaterThanOrEqual(3);
      }
      for (const tx of txs) {
        for (const s of tx.statements) {
          const table = shopTable(s.table);
          for (const name of [...Object.keys(s.key), ...Object.keys(s.values ?? {})]) expect(table.columns.map((c) => c.name)).toContain(name);
          if (s.table === 'orders' && s.kind === 'insert' && cancelled.has(String(s.key.order_id))) reinserted++;
          if (s.table === 'orders' && s.kind === 'delete') cancelled.add(String(s.key.order_id));
          applyToModel(model, s);
        }
        const touched = new Set(tx.statements.filter((s) => 'order_id' in s.key).map((s) => String(s.key.order_id)));
        for (const id of touched) {
          const order = model.get('orders')!.get(id);
          if (order === undefined) continue;
          const lines = [...model.get('order_items')!.entries()].filter(([k]) => k.startsWith(`${id}|`)).map(([, l]) => ({ quantity: Number(l.quantity), price: String(l.price as ShopValue) }));
          expect(lines.length, `order ${id} has lines`).toBeGreaterThan(0);
          if (order.status !== 'returned') expect(order.total, `total of ${id} after '${tx.label}'`).toBe(orderTotals(lines).total);
        }
      }
    }
    expect(reinserted).toBeGreaterThan(10);
    expect(bursts).toBeGreaterThan(50);
    expect(Object.values(workload.counts).every((n) => n > 50)).toBe(true);
    expect([...model.get('customers')!.values()].some((c) => Number(c.loyalty_points) > 0)).toBe(true);
  });
});
