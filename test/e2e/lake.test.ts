import { chmod, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../lib/generator';
import { ShopWorkload } from '../../lib/shop';
import { mergeLake } from '../../local/glue';
import { applyShopTransaction, prepareShopDatabase, startPostgres, type PostgresService } from '../../local/postgres';
import { findFreePort } from '../../local/up/findFreePort';
import { startReplicator } from '../../local/replicator';
import { SHOP_TABLES } from '../../schemas/shop';
import { currentState, latestFromRawFiles, rawRows, sourceState } from '../local/replicator/fixtures/shopState';

const cleanups: (() => Promise<unknown>)[] = [];
let postgres: PostgresService;
let client: pg.Client;
let lakeDir: string;
let workload: ShopWorkload;

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snowline-lake-e2e-'));
  await chmod(dir, 0o755);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every raw file of the lake, as [table, file name]. */
async function rawFiles(root: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const table of SHOP_TABLES) for (const name of await readdir(join(root, 'raw/shop/public', table.name))) out.push([table.name, name]);
  return out;
}

beforeAll(async () => {
  postgres = await startPostgres({ port: await findFreePort() });
  await prepareShopDatabase(postgres.endpoint);
  client = new pg.Client({ connectionString: postgres.endpoint });
  await client.connect();
  lakeDir = await tempDir();
  workload = new ShopWorkload({ seed: 2026 });
  const steps = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) for (const tx of workload.step()) await applyShopTransaction(client, tx);
  };
  // Orders exist before the full load, more arrive while the replicator runs and the merge runs now and then.
  await steps(80);
  const replicator = await startReplicator({ endpoint: postgres.endpoint, lakeDir, flushIntervalMs: 25 });
  for (let round = 0; round < 3; round++) {
    await steps(80);
    await mergeLake({ lakeDir });
  }
  await replicator.catchUp();
  await replicator.close();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await postgres?.close();
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

describe('the lake (replicator + Glue merge) equals the shop database', () => {
  it('after a random workload of inserts, updates, deletes, bursts within one second and re-inserts, merged as files arrived', async () => {
    // The workload did what the test is about.
    expect(workload.counts.cancel).toBeGreaterThan(5);
    expect(workload.counts.reinsert).toBeGreaterThan(2);
    expect(workload.counts.burst).toBeGreaterThan(5);
    const items = (await Promise.all((await rawFiles(lakeDir)).filter(([t]) => t === 'order_items').map(([, n]) => rawRows(join(lakeDir, 'raw/shop/public/order_items', n))))).flatMap((f) => f.rows);
    const perKeySecond = new Map<string, number>();
    for (const r of items.filter((r) => r.Op === 'U')) {
      const k = `${String(r.order_id)}|${String(r.sku)}|${String(r.dms_commit_ts).slice(0, 19)}`;
      perKeySecond.set(k, (perKeySecond.get(k) ?? 0) + 1);
    }
    expect(Math.max(...perKeySecond.values())).toBeGreaterThanOrEqual(3);
    expect(items.some((r) => r.Op === 'D')).toBe(true);

    const { tables } = await mergeLake({ lakeDir });
    expect(tables.map((t) => t.name)).toEqual(SHOP_TABLES.map((t) => t.name));
    const source = await sourceState(client);
    expect(source.orders!.length).toBeGreaterThan(50);
    expect(await currentState(lakeDir)).toEqual(source);
    expect(await latestFromRawFiles(lakeDir)).toEqual(source);
  }, 60_000);

  it('replaying every CDC file, and merging again, changes nothing', async () => {
    const replay = await tempDir();
    for (const [table, name] of await rawFiles(lakeDir)) {
      await mkdir(join(replay, 'raw/shop/public', table), { recursive: true });
      await copyFile(join(lakeDir, 'raw/shop/public', table, name), join(replay, 'raw/shop/public', table, name));
      // The replay: the same changes again under a later file name, as a restarted replicator writes them.
      if (!name.startsWith('LOAD')) await copyFile(join(lakeDir, 'raw/shop/public', table, name), join(replay, 'raw/shop/public', table, name.replace('.parquet', '-9.parquet')));
    }
    await mergeLake({ lakeDir: replay });
    const source = await sourceState(client);
    expect(await currentState(replay)).toEqual(source);
    await mergeLake({ lakeDir: replay });
    expect(await currentState(replay)).toEqual(source);
  }, 60_000);

  it.each([1, 2])('files arriving in a shuffled order (seed %i), merged after each arrival, end in the same state', async (seed) => {
    const shuffled = new Rng(deriveSeed(seed, 'lake.e2e.shuffle')).shuffled(await rawFiles(lakeDir));
    const late = await tempDir();
    for (const table of SHOP_TABLES) await mkdir(join(late, 'raw/shop/public', table.name), { recursive: true });
    // Files arrive a few at a time in the wrong order; the merge runs between arrivals.
    for (let i = 0; i < shuffled.length; i += Math.ceil(shuffled.length / 6)) {
      for (const [table, name] of shuffled.slice(i, i + Math.ceil(shuffled.length / 6))) await copyFile(join(lakeDir, 'raw/shop/public', table, name), join(late, 'raw/shop/public', table, name));
      await mergeLake({ lakeDir: late });
    }
    expect(await currentState(late)).toEqual(await sourceState(client));
  }, 60_000);
});
