import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CURRENT_PREFIX } from '../../../lib/catalog';
import { startLakeMerger } from '../../../local/glue';
import { shopTable } from '../../../schemas/shop';
import { DATA_DIR_LAYOUT } from '../../../local/up/constants';
import { mergeOptions, openDuckDb, readCurrent, writeDmsFile } from './dmsFiles';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startLakeMerger (the local Glue trigger)', () => {
  it('merges nothing while the lake has no raw files, merges once they land and again only when they change, and stops cleanly', async () => {
    // GIVEN an empty lake and a trigger every 50 ms
    const dataDir = mkdtempSync(join(tmpdir(), 'snowline-trigger-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    const merger = startLakeMerger({ ...mergeOptions(dataDir), intervalSeconds: 0.05, log: (line) => lines.push(line) });
    const db = await openDuckDb();
    try {
      await sleep(200);
      expect(merger.lastResult()).toBeUndefined();
      expect(await readdir(dataDir)).toEqual([]);

      // WHEN a full-load file lands
      const products = shopTable('products');
      await writeDmsFile(db.connection, dataDir, products, 'LOAD00000001.parquet', [
        { op: 'I', commitTs: '2026-11-22 10:00:00', seq: 0, values: { sku: 'SKU-00001', name: 'A', category: 'Shoes', category_slug: 'shoes', price: '1.00', currency: 'EUR', stock: 1, active: true, updated_at: '2026-11-22 10:00:00' } },
      ]);
      for (let i = 0; i < 100 && merger.lastResult() === undefined; i++) await sleep(50);

      // THEN the next tick merges it and logs what it wrote
      expect((await readCurrent(db.connection, dataDir, products)).map((r) => r.sku)).toEqual(['SKU-00001']);
      expect(lines).toContainEqual(expect.stringMatching(/^lake merge: products 1 rows \(1 changes, \d+ ms\)$/));

      // AND while no raw file changes, later ticks merge nothing; a new file is merged at the next one
      const first = merger.lastResult();
      await sleep(300);
      expect(merger.lastResult()).toBe(first);
      await writeDmsFile(db.connection, dataDir, products, '20261122-100001000.parquet', [{ op: 'D', commitTs: '2026-11-22 10:00:01', seq: 1, values: { sku: 'SKU-00001' } }]);
      for (let i = 0; i < 100 && merger.lastResult() === first; i++) await sleep(50);
      expect(await readCurrent(db.connection, dataDir, products)).toEqual([]);
    } finally {
      db.connection.closeSync();
      db.instance.closeSync();
    }

    // AND close() stops it: no merge runs afterwards
    await merger.close();
    const after = merger.lastResult();
    rmSync(join(dataDir, DATA_DIR_LAYOUT.lake, CURRENT_PREFIX), { recursive: true });
    await sleep(200);
    expect(merger.lastResult()).toBe(after);
    expect(await readdir(join(dataDir, DATA_DIR_LAYOUT.lake))).toEqual([]);
    expect((await readdir(dataDir)).sort()).toEqual([DATA_DIR_LAYOUT.lake, DATA_DIR_LAYOUT.landing, DATA_DIR_LAYOUT.pseudonymisationKey].sort());
  });

  it('logs a merge refused for its key, naming the key file, and tries again at the next tick', async () => {
    // GIVEN a landing zone with a file and a key file others can read
    const dataDir = mkdtempSync(join(tmpdir(), 'snowline-trigger-'));
    dirs.push(dataDir);
    const { keyFile } = mergeOptions(dataDir);
    writeFileSync(keyFile, `${'a'.repeat(64)}\n`, { mode: 0o644 });
    chmodSync(keyFile, 0o644);
    const db = await openDuckDb();
    try {
      await writeDmsFile(db.connection, dataDir, shopTable('products'), 'LOAD00000001.parquet', [
        { op: 'I', commitTs: '2026-11-22 10:00:00', seq: 0, values: { sku: 'SKU-00001', name: 'A', category: 'Shoes', category_slug: 'shoes', price: '1.00', currency: 'EUR', stock: 1, active: true, updated_at: '2026-11-22 10:00:00' } },
      ]);
    } finally {
      db.connection.closeSync();
      db.instance.closeSync();
    }
    const lines: string[] = [];
    const merger = startLakeMerger({ ...mergeOptions(dataDir), intervalSeconds: 0.05, log: (line) => lines.push(line) });
    try {
      // WHEN it ticks THEN the failure names the key file, and the lake gets nothing
      for (let i = 0; i < 100 && lines.length === 0; i++) await sleep(50);
      expect(lines[0]).toBe(`lake merge failed, will retry: pseudonymisation key from ${keyFile}: the file's mode is 0644, readable by others; run chmod 600 ${keyFile}`);
      expect(existsSync(join(dataDir, DATA_DIR_LAYOUT.lake))).toBe(false);
      // AND once the file is fixed, the next tick merges
      chmodSync(keyFile, 0o600);
      for (let i = 0; i < 100 && merger.lastResult() === undefined; i++) await sleep(50);
      expect(merger.lastResult()?.tables.find((t) => t.name === 'products')?.rowsWritten).toBe(1);
    } finally {
      await merger.close();
    }
  });

  it('rejects an interval that is not positive', () => {
    // GIVEN / WHEN an interval of 0 THEN it says so
    expect(() => startLakeMerger({ ...mergeOptions('/nowhere'), intervalSeconds: 0 })).toThrow('startLakeMerger: intervalSeconds must be > 0, got 0');
  });
});
