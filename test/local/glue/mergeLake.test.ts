import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { chmod, copyFile, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_PREFIX } from '../../../lib/catalog';
import { CURRENT_DATA_FILE, KEY_CHECK_VALUE, keyCheckPath, mergeLake, TableMergeFailedError, UnknownLakeTableError } from '../../../local/glue';
import { InvalidPseudonymisationKeyError, type Pseudonymiser } from '../../../lib/privacy';
import { shopTable, type ShopTable } from '../../../schemas/shop';
import { DATA_DIR_LAYOUT } from '../../../local/up/constants';
import { type Change, mergeOptions, openDuckDb, pseudonymised, pseudonymiserOf, rawDir, readCurrent, writeDmsFile } from './dmsFiles';

const PRODUCTS = shopTable('products');
const CUSTOMERS = shopTable('customers');
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

/**
 * The reference model: per key, the latest change by (commit time, sequence, delete first);
 * deleted keys are gone. With a pseudonymiser, personal values (keys included) are its hashes,
 * as the lake must hold them.
 */
function expectedState(table: ShopTable, source: readonly Change[], pseudonymiser?: Pseudonymiser): Record<string, unknown>[] {
  const changes = pseudonymiser === undefined ? source : source.map((c) => ({ ...c, values: pseudonymised(table, c.values, pseudonymiser) }));
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

async function current(dataDir: string, table: ShopTable) {
  return (await readCurrent(db.connection, dataDir, table)).map((row) => normalise(table, row));
}

const second = (n: number) => `2026-11-22 10:00:${String(n).padStart(2, '0')}.000000`;

/** A change of one of 4 keys within 4 seconds, so many share a commit second. */
const productChange = fc.record({
  op: fc.constantFrom<'I' | 'U' | 'D'>('I', 'U', 'U', 'D'),
  sku: fc.constantFrom('1', '2', '3', '4'),
  second: fc.integer({ min: 0, max: 3 }),
  name: fc.string({ maxLength: 8 }),
  cents: fc.integer({ min: 0, max: 99_999_999 }),
  stock: fc.integer({ min: 0, max: 1000 }),
  active: fc.boolean(),
  deleteTie: fc.boolean(),
});

/** Turns generated steps into DMS changes: unique sequence numbers, and some deletes tied with an update. */
type Step = typeof productChange extends fc.Arbitrary<infer T> ? T : never;

/** A step's row of `table` (products, or customers, whose key and names are personal). */
function rowOf(table: ShopTable, step: Step, commitTs: string): Change['values'] {
  if (table.name === 'customers')
    return {
      customer_id: `cust-00000${step.sku}`,
      first_name: step.name,
      last_name: `Doe${step.stock}`,
      email: `${step.name}.${step.sku}@example.com`,
      country: 'DE',
      loyalty_points: String(step.stock),
      created_at: second(0),
      updated_at: commitTs,
    };
  return {
    sku: `SKU-0000${step.sku}`,
    name: step.name,
    category: 'Shoes',
    category_slug: 'shoes',
    price: (step.cents / 100).toFixed(2),
    currency: 'EUR',
    stock: step.stock,
    active: step.active,
    updated_at: commitTs,
  };
}

function toChanges(steps: readonly Step[], table: ShopTable = PRODUCTS): Change[] {
  const changes: Change[] = [];
  const keyOf = (values: Change['values']) => Object.fromEntries(table.primaryKey.map((k) => [k, values[k]!]));
  steps.forEach((step, index) => {
    const commitTs = second(step.second);
    const seq = index + 1;
    const values = rowOf(table, step, commitTs);
    if (step.op === 'D') {
      changes.push({ op: 'D', commitTs, seq, values: keyOf(values) });
      return;
    }
    changes.push({ op: step.op, commitTs, seq, values });
    // A delete with the very same commit time and sequence: the delete must win the tie.
    if (step.deleteTie && index % 3 === 0) changes.push({ op: 'D', commitTs, seq, values: keyOf(values) });
  });
  return changes;
}

describe('mergeLake: the merge rule against a reference model', () => {
  it.each([
    ['products', PRODUCTS, 20],
    ['customers (every column but two personal, the key too)', CUSTOMERS, 15],
  ] as const)('%s: equals the model (personal values hashed) after files arrive in any order, in any grouping, replayed, and merged twice', async (_title, table, numRuns) => {
    const name = table.name;
    await fc.assert(
      fc.asyncProperty(
        fc.array(productChange, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        async (steps, shuffle, fileCount) => {
          const dataDir = lake();
          const changes = toChanges(steps, table);
          // Cut the changes into files; files arrive in a shuffled order (late files), with a merge after each.
          const files = Array.from({ length: fileCount }, (_, f) => changes.filter((_, i) => i % fileCount === f));
          const order = files.map((_, i) => i).sort((a, b) => (shuffle[a]! % 7) - (shuffle[b]! % 7) || a - b);
          const seen: Change[] = [];
          for (const [n, f] of order.entries()) {
            await writeDmsFile(db.connection, dataDir, table, `20261122-1000000${n}0.parquet`, files[f]!);
            seen.push(...files[f]!);
            await mergeLake({ ...mergeOptions(dataDir), tables: [name] });
            expect(await current(dataDir, table)).toEqual(expectedState(table, seen, await pseudonymiserOf(dataDir)));
          }
          const pseudonymiser = await pseudonymiserOf(dataDir);
          const final = expectedState(table, changes, pseudonymiser);
          // Merging again reads nothing new and rewrites nothing; a full recompute over every file
          // (what the Glue job does) reads them all and finds nothing to change either.
          const again = await mergeLake({ ...mergeOptions(dataDir), tables: [name] });
          expect(again.tables[0]).toMatchObject({ name, changesRead: 0, rowsWritten: 0 });
          const full = await mergeLake({ ...mergeOptions(dataDir), tables: [name], mode: 'full' });
          expect(full.tables[0]).toMatchObject({ name, changesRead: changes.length, rowsWritten: 0 });
          expect(await current(dataDir, table)).toEqual(final);
          // Replaying every file under new names (DMS re-sending after a task restart) changes nothing.
          for (const file of await readdir(rawDir(dataDir, name))) {
            await copyFile(join(rawDir(dataDir, name), file), join(rawDir(dataDir, name), `replay-${file}`));
          }
          await mergeLake({ ...mergeOptions(dataDir), tables: [name] });
          expect(await current(dataDir, table)).toEqual(final);
        },
      ),
      { numRuns },
    );
  }, 120_000);

  it('merges a composite key, a delete and a re-insert of the deleted key', async () => {
    // GIVEN a full load of two order lines, then CDC: an update, a delete and a re-insert of the same line in one second
    const dataDir = lake();
    const line = (sku: string, quantity: number, at: string) => ({ order_id: 'ord-1', sku, quantity, price: '9.99', updated_at: at });
    await writeDmsFile(db.connection, dataDir, ORDER_ITEMS, 'LOAD00000001.parquet', [
      { op: 'I', commitTs: second(0), seq: 0, values: line('SKU-00001', 1, second(0)) },
      { op: 'I', commitTs: second(0), seq: 0, values: line('SKU-00002', 1, second(0)) },
    ]);
    await writeDmsFile(db.connection, dataDir, ORDER_ITEMS, '20261122-100005000.parquet', [
      { op: 'U', commitTs: second(5), seq: 1, values: line('SKU-00001', 2, second(5)) },
      { op: 'D', commitTs: second(5), seq: 2, values: { order_id: 'ord-1', sku: 'SKU-00001' } },
      { op: 'I', commitTs: second(5), seq: 3, values: line('SKU-00001', 7, second(5)) },
      { op: 'D', commitTs: second(5), seq: 4, values: { order_id: 'ord-1', sku: 'SKU-00002' } },
    ]);

    // WHEN the lake is merged
    const result = await mergeLake({ ...mergeOptions(dataDir), tables: ['order_items'] });

    // THEN the re-inserted line is there with its new quantity, the deleted one is gone
    expect(result.tables).toEqual([{ name: 'order_items', changesRead: 6, rowsWritten: 1, ms: expect.any(Number) }]);
    expect(await current(dataDir, ORDER_ITEMS)).toEqual([
      normalise(ORDER_ITEMS, { ...line('SKU-00001', 7, second(5)), dms_commit_ts: second(5), dms_change_seq: '3'.padStart(35, '0') }),
    ]);

    // AND a late copy of the full load (older than the delete) does not bring the deleted line back
    await copyFile(join(rawDir(dataDir, 'order_items'), 'LOAD00000001.parquet'), join(rawDir(dataDir, 'order_items'), 'LOAD00000002.parquet'));
    await mergeLake({ ...mergeOptions(dataDir), tables: ['order_items'] });
    expect((await current(dataDir, ORDER_ITEMS)).map((r) => [r.sku, r.quantity])).toEqual([['SKU-00001', 7]]);
  });

  it('merges every shop table when none is named, skipping tables without raw files', async () => {
    // GIVEN raw files for products only WHEN the whole lake is merged
    const dataDir = lake();
    await writeDmsFile(db.connection, dataDir, PRODUCTS, 'LOAD00000001.parquet', toChanges([{ op: 'I', sku: '1', second: 0, name: 'A', cents: 100, stock: 1, active: true, deleteTie: false }]));
    const { tables } = await mergeLake(mergeOptions(dataDir));

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
    const dataDir = lake();
    await writeDmsFile(db.connection, dataDir, PRODUCTS, 'LOAD00000001.parquet', toChanges([{ op: 'I', sku: '1', second: 0, name: 'A', cents: 100, stock: 1, active: true, deleteTie: false }]));
    await mergeLake({ ...mergeOptions(dataDir), tables: ['products'] });
    const dataFile = join(dataDir, DATA_DIR_LAYOUT.lake, CURRENT_PREFIX, 'products', CURRENT_DATA_FILE);
    return { dataDir, dataFile, before: await readFile(dataFile) };
  }
  const update = toChanges([{ op: 'U', sku: '1', second: 3, name: 'B', cents: 200, stock: 2, active: false, deleteTie: false }]).map((c) => ({ ...c, seq: 9 }));

  it('a crash after the new state is written but before it replaces the old one keeps the old file, and the next run completes', async () => {
    // GIVEN a merged table and a new CDC file
    const { dataDir, dataFile, before } = await mergedLake();
    await writeDmsFile(db.connection, dataDir, PRODUCTS, '20261122-100003000.parquet', update);

    // WHEN the merge crashes just before its rename
    const crash = mergeLake({ ...mergeOptions(dataDir), tables: ['products'], beforeCommit: () => { throw new Error('injected crash'); } });

    // THEN it fails naming the table, the file is byte for byte the old one, and no temporary file is left
    await expect(crash).rejects.toThrow("merge of 'products' failed, its current state is unchanged: injected crash");
    expect(await readFile(dataFile)).toEqual(before);
    expect(await tableDir(dataDir)).toEqual([CURRENT_DATA_FILE]);

    // AND the next merge applies the update
    await mergeLake({ ...mergeOptions(dataDir), tables: ['products'] });
    expect((await current(dataDir, PRODUCTS)).map((r) => [r.name, r.price])).toEqual([['B', '2.00']]);
  });

  it('a SIGKILL between writing the new state and the rename leaves the old file, and the next run completes', async () => {
    // GIVEN a merged table and a new CDC file
    const { dataDir, dataFile, before } = await mergedLake();
    await writeDmsFile(db.connection, dataDir, PRODUCTS, '20261122-100003000.parquet', update);

    // WHEN a merge in another process is killed once its new state is written, before the rename
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'mergeUntilKilled.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    expect(await tableDir(dataDir)).toEqual([basename(tempFile), CURRENT_DATA_FILE].sort());
    expect(basename(tempFile).endsWith('.parquet')).toBe(false);

    // AND the next merge applies the update; the killed run's file goes once it is 10 minutes old
    await mergeLake({ ...mergeOptions(dataDir), tables: ['products'] });
    expect((await current(dataDir, PRODUCTS)).map((r) => [r.name, r.price])).toEqual([['B', '2.00']]);
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(tempFile, hourAgo, hourAgo);
    await mergeLake({ ...mergeOptions(dataDir), tables: ['products'] });
    expect(await tableDir(dataDir)).toEqual([CURRENT_DATA_FILE]);
  }, 60_000);

  it('an unreadable raw file fails the table with its name and changes nothing', async () => {
    // GIVEN a merged table and a raw file that is not Parquet
    const { dataDir, dataFile, before } = await mergedLake();
    await writeDmsFile(db.connection, dataDir, PRODUCTS, '20261122-100003000.parquet', update);
    await import('node:fs/promises').then((fs) => fs.writeFile(join(rawDir(dataDir, 'products'), '20261122-100004000.parquet'), 'not parquet'));

    // WHEN it is merged THEN the error names the table, and the state is the old one
    const error = await mergeLake({ ...mergeOptions(dataDir), tables: ['products'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableMergeFailedError);
    expect((error as TableMergeFailedError).table).toBe('products');
    expect(await readFile(dataFile)).toEqual(before);
  });

  it('a raw file without a table column fails naming the table', async () => {
    // GIVEN a products file written with the order_items columns
    const dataDir = lake();
    await writeDmsFile(db.connection, dataDir, ORDER_ITEMS, 'x.parquet', []);
    await copyFile(join(rawDir(dataDir, 'order_items'), 'x.parquet'), join(await ensureDir(rawDir(dataDir, 'products')), 'LOAD00000001.parquet'));

    // WHEN it is merged THEN the error names the table and the missing column
    await expect(mergeLake({ ...mergeOptions(dataDir), tables: ['products'] })).rejects.toThrow(/merge of 'products' failed.*name/s);
  });

  it('rejects an unknown table before merging anything', async () => {
    // GIVEN a lake WHEN an unknown table is named THEN the error names it and the known ones, and nothing is written
    const dataDir = lake();
    await expect(mergeLake({ ...mergeOptions(dataDir), tables: ['products', 'invoices'] })).rejects.toThrow(UnknownLakeTableError);
    await expect(mergeLake({ ...mergeOptions(dataDir), tables: ['invoices'] })).rejects.toThrow("unknown shop table 'invoices': expected one of customers, products, orders, order_items");
    expect(await readdir(dataDir)).toEqual([]);
  });
});

describe('mergeLake: the pseudonymisation key', () => {
  const customer = (id: string, email: string, at: number): Change => ({
    op: 'I',
    commitTs: second(at),
    seq: at,
    values: { customer_id: id, first_name: 'Ada', last_name: 'Lovelace', email, country: 'GB', loyalty_points: 0, created_at: second(0), updated_at: second(at) },
  });
  /** Every file under the data dir's lake, with its bytes, to show a failed merge changed nothing. */
  async function lakeFiles(dataDir: string): Promise<Map<string, Buffer>> {
    const files = new Map<string, Buffer>();
    const root = join(dataDir, DATA_DIR_LAYOUT.lake);
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.set(join(entry.parentPath, entry.name), await readFile(join(entry.parentPath, entry.name)));
    }
    return files;
  }
  async function mergedCustomers() {
    const dataDir = lake();
    await writeDmsFile(db.connection, dataDir, CUSTOMERS, 'LOAD00000001.parquet', [customer('cust-000001', 'ada@example.com', 0)]);
    await mergeLake(mergeOptions(dataDir));
    await writeDmsFile(db.connection, dataDir, CUSTOMERS, '20261122-100005000.parquet', [customer('cust-000002', 'grace@example.com', 5)]);
    return { dataDir, keyFile: mergeOptions(dataDir).keyFile, before: await lakeFiles(dataDir) };
  }

  it('generates the key file on a new lake, hashes with it, and records its check', async () => {
    // GIVEN a landing zone with a customer and no key file WHEN merged
    const { dataDir, keyFile } = await mergedCustomers();
    // THEN the key file is the archiver's kind (mode 0600, 64 hex) and the customer is its pseudonym
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const pseudonymiser = await pseudonymiserOf(dataDir);
    expect((await current(dataDir, CUSTOMERS)).map((r) => [r.customer_id, r.email])).toEqual([[pseudonymiser.hash('cust-000001'), pseudonymiser.hash('ada@example.com')]]);
    expect(JSON.parse(await readFile(keyCheckPath(mergeOptions(dataDir).lakeDir), 'utf8'))).toEqual({ value: KEY_CHECK_VALUE, pseudonym: pseudonymiser.hash(KEY_CHECK_VALUE) });
  });

  it('refuses another key, naming the key file, and changes nothing', async () => {
    // GIVEN a merged lake and a new CDC file WHEN the key file is replaced by another key
    const { dataDir, keyFile, before } = await mergedCustomers();
    await writeFile(keyFile, `${'b'.repeat(64)}\n`, { mode: 0o600 });
    // THEN the merge fails naming the file and why, and the lake is byte for byte as it was
    const error = await mergeLake(mergeOptions(dataDir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPseudonymisationKeyError);
    expect((error as Error).message).toContain(`pseudonymisation key from ${keyFile}: it is not the key the lake's shop tables were pseudonymised with`);
    expect(await lakeFiles(dataDir)).toEqual(before);
  });

  it('refuses a missing key file once the lake holds pseudonymised tables, naming it, and creates none', async () => {
    // GIVEN a merged lake WHEN its key file is gone
    const { dataDir, keyFile, before } = await mergedCustomers();
    await rm(keyFile);
    // THEN the merge fails naming the file, generates no new key, and changes nothing
    await expect(mergeLake(mergeOptions(dataDir))).rejects.toThrow(`pseudonymisation key from ${keyFile}: the file does not exist`);
    await expect(stat(keyFile)).rejects.toThrow(/ENOENT/);
    expect(await lakeFiles(dataDir)).toEqual(before);
  });

  it('refuses a key that is too short or readable by others, naming the file', async () => {
    const { dataDir, keyFile, before } = await mergedCustomers();
    await writeFile(keyFile, 'short\n');
    await expect(mergeLake(mergeOptions(dataDir))).rejects.toThrow(`pseudonymisation key from ${keyFile}: the key has 5 characters`);
    await chmod(keyFile, 0o644);
    await expect(mergeLake(mergeOptions(dataDir))).rejects.toThrow(`pseudonymisation key from ${keyFile}: the file's mode is 0644`);
    expect(await lakeFiles(dataDir)).toEqual(before);
  });

  it('refuses tables written before pseudonymisation (no key check), naming the key file and what to remove', async () => {
    // GIVEN a lake whose key check is gone (as in a lake written by an older merge, in clear)
    const { dataDir, keyFile } = await mergedCustomers();
    await rm(keyCheckPath(mergeOptions(dataDir).lakeDir));
    const before = await lakeFiles(dataDir);
    // THEN the merge refuses to add pseudonyms to it, and changes nothing
    await expect(mergeLake(mergeOptions(dataDir))).rejects.toThrow(`pseudonymisation key from ${keyFile}: the lake's current-state tables (customers under`);
    expect(await lakeFiles(dataDir)).toEqual(before);
  });
});

/** The files of the products table's folder, sorted, without the merge's own state folder. */
async function tableDir(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, DATA_DIR_LAYOUT.lake, CURRENT_PREFIX, 'products'))).filter((name) => name !== '_merge').sort();
}

async function ensureDir(dir: string): Promise<string> {
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  return dir;
}
