import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { copyFile, readFile, readdir, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_PREFIX } from '../../../lib/catalog';
import { CURRENT_DATA_FILE, mergeLake, TableMergeFailedError, UnknownLakeTableError } from '../../../local/glue';
import { shopTable, type ShopTable } from '../../../schemas/shop';
import { type Change, openDuckDb, rawDir, readCurrent, writeDmsFile } from './dmsFiles';

const PRODUCTS = shopTable('products');
const ORDER_ITEMS = shopTable('order_items');

let db: { instance: DuckDBInstance; connection: DuckDBConnection };
const dirs: string[] = [];
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => {
  db.connection.closeSync();
  db.instance.closeSync();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function lake(): string {
  const dir = mkdtempSync(join(tmpdir(), 'snowline-lake-'));
  dirs.push(dir);
  return dir;
}

/** `YYYY-MM-DD hh:mm:ss[.f]` with the fraction's trailing zeros dropped, as DuckDB prints it. */
const canonicalTs = (ts: string): string => ts.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** The reference model: per key, the latest change by (commit time, sequence, delete first); deleted keys are gone. */
function expectedState(table: ShopTable, changes: readonly Change[]): Record<string, unknown>[] {
  const rank = (c: Change) => [c.commitTs, c.seq, c.op === 'D' ? 1 : 0] as const;
  const later = (a: Change, b: Change) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] > y[2];
  };
  const winners = new Map<string, Change>();
  for (const change of changes) {
    const key = table.primaryKey.map((k) => change.values[k]).join('\u0000');
    const held = winners.get(key);
    if (held === undefined || later(change, held)) winners.set(key, change);
  }
  return [...winners.entries()]
    .filter(([, c]) => c.op !== 'D')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) =>
      normalise(table, { ...c.values, dms_commit_ts: c.commitTs, dms_change_seq: String(c.seq).padStart(35, '0') }),
    );
}

/** A row with its timestamps canonical and its columns in table order, for comparison. */
function normalise(table: ShopTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of [...table.columns.map((c) => c.name), 'dms_commit_ts', 'dms_change_seq']) {
    const value = row[column] ?? null;
    const isTs = column === 'dms_commit_ts' || table.columns.find((c) => c.name === column)?.type === 'timestamp';
    out[column] = isTs && typeof value === 'string' ? canonicalTs(value) : value;
  }
  return out;
}

async function current(lakeDir: string, table: ShopTable) {
  return (await readCurrent(db.connection, lakeDir, table)).map((row) => normalise(table, row));
}

const second = (n: number) => `2026-11-22 10:00:${String(n).padStart(2, '0')}.000000`;

/** A product change on one of 4 SKUs within 4 seconds, so many share a commit second. */
const productChange = fc.record({
  op: fc.constantFrom<'I' | 'U' | 'D'>('I', 'U', 'U', 'D'),
  sku: fc.constantFrom('SKU-00001', 'SKU-00002', 'SKU-00003', 'SKU-00004'),
  second: fc.integer({ min: 0, max: 3 }),
  name: fc.string({ maxLength: 8 }),
  cents: fc.integer({ min: 0, max: 99_999_999 }),
  stock: fc.integer({ min: 0, max: 1000 }),
  active: fc.boolean(),
  deleteTie: fc.boolean(),
});

/** Turns generated steps into DMS changes: unique sequence numbers, and some deletes tied with an update. */
type Step = typeof productChange extends fc.Arbitrary<infer T> ? T : never;

function toChanges(steps: readonly Step[]): Change[] {
  const changes: Change[] = [];
  steps.forEach((step, index) => {
    const commitTs = second(step.second);
    const seq = index + 1;
    if (step.op === 'D') {
      changes.push({ op: 'D', commitTs, seq, values: { sku: step.sku } });
      return;
    }
    const values = {
      sku: step.sku,
      name: step.name,
      category: 'Shoes',
      category_slug: 'shoes',
      price: (step.cents / 100).toFixed(2),
      currency: 'EUR',
      stock: step.stock,
      active: step.active,
      updated_at: commitTs,
    };
    changes.push({ op: step.op, commitTs, seq, values });
    // A delete with the very same commit time and sequence: the delete must win the tie.
    if (step.deleteTie && index % 3 === 0) changes.push({ op: 'D', commitTs, seq, values: { sku: step.sku } });
  });
  return changes;
}

describe('mergeLake: the merge rule against a reference model', () => {
  it('equals the model after files arrive in any order, in any grouping, replayed, and merged twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(productChange, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        async (steps, shuffle, fileCount) => {
          const lakeDir = lake();
          const changes = toChanges(steps);
          // Cut the changes into files; files arrive in a shuffled order (late files), with a merge after each.
          const files = Array.from({ length: fileCount }, (_, f) => changes.filter((_, i) => i % fileCount === f));
          const order = files.map((_, i) => i).sort((a, b) => (shuffle[a]! % 7) - (shuffle[b]! % 7) || a - b);
          const seen: Change[] = [];
          for (const [n, f] of order.entries()) {
            await writeDmsFile(db.connection, lakeDir, PRODUCTS, `20261122-1000000${n}0.parquet`, files[f]!);
            seen.push(...files[f]!);
            await mergeLake({ lakeDir, tables: ['products'] });
            expect(await current(lakeDir, PRODUCTS)).toEqual(expectedState(PRODUCTS, seen));
          }
          const final = expectedState(PRODUCTS, changes);
          // Merging again reads nothing new and rewrites nothing; a full recompute over every file
          // (what the Glue job does) reads them all and finds nothing to change either.
          const again = await mergeLake({ lakeDir, tables: ['products'] });
          expect(again.tables[0]).toMatchObject({ name: 'products', changesRead: 0, rowsWritten: 0 });
          const full = await mergeLake({ lakeDir, tables: ['products'], mode: 'full' });
          expect(full.tables[0]).toMatchObject({ name: 'products', changesRead: changes.length, rowsWritten: 0 });
          expect(await current(lakeDir, PRODUCTS)).toEqual(final);
          // Replaying every file under new names (DMS re-sending after a task restart) changes nothing.
          for (const name of await readdir(rawDir(lakeDir, 'products'))) {
            await copyFile(join(rawDir(lakeDir, 'products'), name), join(rawDir(lakeDir, 'products'), `replay-${name}`));
          }
          await mergeLake({ lakeDir, tables: ['products'] });
          expect(await current(lakeDir, PRODUCTS)).toEqual(final);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('merges a composite key, a delete and a re-insert of the deleted key', async () => {
    // GIVEN a full load of two order lines, then CDC: an update, a delete and a re-insert of the same line in one second
    const lakeDir = lake();
    const line = (sku: string, quantity: number, at: string) => ({ order_id: 'ord-1', sku, quantity, price: '9.99', updated_at: at });
    await writeDmsFile(db.connection, lakeDir, ORDER_ITEMS, 'LOAD00000001.parquet', [
      { op: 'I', commitTs: second(0), seq: 0, values: line('SKU-00001', 1, second(0)) },
      { op: 'I', commitTs: second(0), seq: 0, values: line('SKU-00002', 1, second(0)) },
    ]);
    await writeDmsFile(db.connection, lakeDir, ORDER_ITEMS, '20261122-100005000.parquet', [
      { op: 'U', commitTs: second(5), seq: 1, values: line('SKU-00001', 2, second(5)) },
      { op: 'D', commitTs: second(5), seq: 2, values: { order_id: 'ord-1', sku: 'SKU-00001' } },
      { op: 'I', commitTs: second(5), seq: 3, values: line('SKU-00001', 7, second(5)) },
      { op: 'D', commitTs: second(5), seq: 4, values: { order_id: 'ord-1', sku: 'SKU-00002' } },
    ]);

    // WHEN the lake is merged
    const result = await mergeLake({ lakeDir, tables: ['order_items'] });

    // THEN the re-inserted line is there with its new quantity, the deleted one is gone
    expect(result.tables).toEqual([{ name: 'order_items', changesRead: 6, rowsWritten: 1, ms: expect.any(Number) }]);
    expect(await current(lakeDir, ORDER_ITEMS)).toEqual([
      normalise(ORDER_ITEMS, { ...line('SKU-00001', 7, second(5)), dms_commit_ts: second(5), dms_change_seq: '3'.padStart(35, '0') }),
    ]);

    // AND a late copy of the full load (older than the delete) does not bring the deleted line back
    await copyFile(join(rawDir(lakeDir, 'order_items'), 'LOAD00000001.parquet'), join(rawDir(lakeDir, 'order_items'), 'LOAD00000002.parquet'));
    await mergeLake({ lakeDir, tables: ['order_items'] });
    expect((await current(lakeDir, ORDER_ITEMS)).map((r) => [r.sku, r.quantity])).toEqual([['SKU-00001', 7]]);
  });

  it('merges every shop table when none is named, skipping tables without raw files', async () => {
    // GIVEN raw files for products only WHEN the whole lake is merged
    const lakeDir = lake();
    await writeDmsFile(db.connection, lakeDir, PRODUCTS, 'LOAD00000001.parquet', toChanges([{ op: 'I', sku: 'SKU-00001', second: 0, name: 'A', cents: 100, stock: 1, active: true, deleteTie: false }]));
    const { tables } = await mergeLake({ lakeDir });

    // THEN every table is reported, and only products was written
    expect(tables.map((t) => [t.name, t.changesRead, t.rowsWritten])).toEqual([
      ['customers', 0, 0],
      ['products', 1, 1],
      ['orders', 0, 0],
      ['order_items', 0, 0],
    ]);
  });
});

describe('mergeLake: failures leave the previous state', () => {
  async function mergedLake() {
    const lakeDir = lake();
    await writeDmsFile(db.connection, lakeDir, PRODUCTS, 'LOAD00000001.parquet', toChanges([{ op: 'I', sku: 'SKU-00001', second: 0, name: 'A', cents: 100, stock: 1, active: true, deleteTie: false }]));
    await mergeLake({ lakeDir, tables: ['products'] });
    const dataFile = join(lakeDir, CURRENT_PREFIX, 'products', CURRENT_DATA_FILE);
    return { lakeDir, dataFile, before: await readFile(dataFile) };
  }
  const update = toChanges([{ op: 'U', sku: 'SKU-00001', second: 3, name: 'B', cents: 200, stock: 2, active: false, deleteTie: false }]).map((c) => ({ ...c, seq: 9 }));

  it('a crash after the new state is written but before it replaces the old one keeps the old file, and the next run completes', async () => {
    // GIVEN a merged table and a new CDC file
    const { lakeDir, dataFile, before } = await mergedLake();
    await writeDmsFile(db.connection, lakeDir, PRODUCTS, '20261122-100003000.parquet', update);

    // WHEN the merge crashes just before its rename
    const crash = mergeLake({ lakeDir, tables: ['products'], beforeCommit: () => { throw new Error('injected crash'); } });

    // THEN it fails naming the table, the file is byte for byte the old one, and no temporary file is left
    await expect(crash).rejects.toThrow("merge of 'products' failed, its current state is unchanged: injected crash");
    expect(await readFile(dataFile)).toEqual(before);
    expect(await tableDir(lakeDir)).toEqual([CURRENT_DATA_FILE]);

    // AND the next merge applies the update
    await mergeLake({ lakeDir, tables: ['products'] });
    expect((await current(lakeDir, PRODUCTS)).map((r) => [r.name, r.price])).toEqual([['B', '2.00']]);
  });

  it('a SIGKILL between writing the new state and the rename leaves the old file, and the next run completes', async () => {
    // GIVEN a merged table and a new CDC file
    const { lakeDir, dataFile, before } = await mergedLake();
    await writeDmsFile(db.connection, lakeDir, PRODUCTS, '20261122-100003000.parquet', update);

    // WHEN a merge in another process is killed once its new state is written, before the rename
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'mergeUntilKilled.ts'), lakeDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tempFile = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (code) => reject(new Error(`the merge exited with ${code} before writing its new state`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    // THEN the table's file is byte for byte the old one; only the unnamed temporary file is left
    expect(await readFile(dataFile)).toEqual(before);
    expect(await tableDir(lakeDir)).toEqual([basename(tempFile), CURRENT_DATA_FILE].sort());
    expect(basename(tempFile).endsWith('.parquet')).toBe(false);

    // AND the next merge applies the update; the killed run's file goes once it is 10 minutes old
    await mergeLake({ lakeDir, tables: ['products'] });
    expect((await current(lakeDir, PRODUCTS)).map((r) => [r.name, r.price])).toEqual([['B', '2.00']]);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(tempFile, hourAgo, hourAgo);
    await mergeLake({ lakeDir, tables: ['products'] });
    expect(await tableDir(lakeDir)).toEqual([CURRENT_DATA_FILE]);
  }, 60_000);

  it('an unreadable raw file fails the table with its name and changes nothing', async () => {
    // GIVEN a merged table and a raw file that is not Parquet
    const { lakeDir, dataFile, before } = await mergedLake();
    await writeDmsFile(db.connection, lakeDir, PRODUCTS, '20261122-100003000.parquet', update);
    await import('node:fs/promises').then((fs) => fs.writeFile(join(rawDir(lakeDir, 'products'), '20261122-100004000.parquet'), 'not parquet'));

    // WHEN it is merged THEN the error names the table, and the state is the old one
    const error = await mergeLake({ lakeDir, tables: ['products'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableMergeFailedError);
    expect((error as TableMergeFailedError).table).toBe('products');
    expect(await readFile(dataFile)).toEqual(before);
  });

  it('a raw file without a table column fails naming the table', async () => {
    // GIVEN a products file written with the order_items columns
    const lakeDir = lake();
    await writeDmsFile(db.connection, lakeDir, ORDER_ITEMS, 'x.parquet', []);
    await copyFile(join(rawDir(lakeDir, 'order_items'), 'x.parquet'), join(await ensureDir(rawDir(lakeDir, 'products')), 'LOAD00000001.parquet'));

    // WHEN it is merged THEN the error names the table and the missing column
    await expect(mergeLake({ lakeDir, tables: ['products'] })).rejects.toThrow(/merge of 'products' failed.*name/s);
  });

  it('rejects an unknown table before merging anything', async () => {
    // GIVEN a lake WHEN an unknown table is named THEN the error names it and the known ones, and nothing is written
    const lakeDir = lake();
    await expect(mergeLake({ lakeDir, tables: ['products', 'invoices'] })).rejects.toThrow(UnknownLakeTableError);
    await expect(mergeLake({ lakeDir, tables: ['invoices'] })).rejects.toThrow("unknown shop table 'invoices': expected one of customers, products, orders, order_items");
    expect(await readdir(lakeDir)).toEqual([]);
  });
});

/** The files of the products table's folder, sorted, without the merge's own state folder. */
async function tableDir(lakeDir: string): Promise<string[]> {
  return (await readdir(join(lakeDir, CURRENT_PREFIX, 'products'))).filter((name) => name !== '_merge').sort();
}

async function ensureDir(dir: string): Promise<string> {
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  return dir;
}
