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
import { SHOP_SCHEMA, SHOP_TABLES } from '../../schemas/shop';
import { LANDING_PREFIX } from '../../lib/catalog';
import { FileKeyProvider, Pseudonymiser } from '../../lib/privacy';
import { DATA_DIR_LAYOUT } from '../../local/up/constants';
import { findValuesInParquet, parquetFilesUnder } from '../local/glue/scanParquet';
import { currentState, latestFromRawFiles, rawRows, sourceState } from '../local/replicator/fixtures/shopState';

const cleanups: (() => Promise<unknown>)[] = [];
let postgres: PostgresService;
let client: pg.Client;
/** The data dir: landing/ (DMS files), lake/ (the merged tables), pseudonymisation.key. */
let dataDir: string;
let workload: ShopWorkload;
let pseudonymiser: Pseudonymiser;

/** The landing zone, lake and key file of a data dir; every lake here is merged with the first data dir's key. */
const dirsOf = (dir: string) => ({ landingDir: join(dir, DATA_DIR_LAYOUT.landing), lakeDir: join(dir, DATA_DIR_LAYOUT.lake), keyFile: join(dataDir, DATA_DIR_LAYOUT.pseudonymisationKey) });
const merge = (dir: string) => mergeLake(dirsOf(dir));
const landed = (dir: string, table: string) => join(dir, DATA_DIR_LAYOUT.landing, LANDING_PREFIX, SHOP_SCHEMA, table);

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snowline-lake-e2e-'));
  await chmod(dir, 0o755);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every raw file of a data dir's landing zone, as [table, file name]. */
async function rawFiles(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const table of SHOP_TABLES) for (const name of await readdir(landed(dir, table.name))) out.push([table.name, name]);
  return out;
}

beforeAll(async () => {
  postgres = await startPostgres({ port: await findFreePort() });
  await prepareShopDatabase(postgres.endpoint);
  client = new pg.Client({ connectionString: postgres.endpoint });
  await client.connect();
  dataDir = await tempDir();
  workload = new ShopWorkload({ seed: 2026 });
  const steps = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) for (const tx of workload.step()) await applyShopTransaction(client, tx);
  };
  // Orders exist before the full load, more arrive while the replicator runs and the merge runs now and then.
  await steps(80);
  const replicator = await startReplicator({ endpoint: postgres.endpoint, landingDir: dirsOf(dataDir).landingDir, flushIntervalMs: 25 });
  for (let round = 0; round < 3; round++) {
    await steps(80);
    await merge(dataDir);
  }
  await replicator.catchUp();
  await replicator.close();
  pseudonymiser = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: dirsOf(dataDir).keyFile, create: false }));
}, 120_000);

afterAll(async () => {
  await client?.end();
  await postgres?.close();
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

describe('the lake (replicator + Glue merge) equals the shop database, personal columns pseudonymised', () => {
  it('after a random workload of inserts, updates, deletes, bursts within one second and re-inserts, merged as files arrived', async () => {
    // The workload did what the test is about.
    expect(workload.counts.cancel).toBeGreaterThan(5);
    expect(workload.counts.reinsert).toBeGreaterThan(2);
    expect(workload.counts.burst).toBeGreaterThan(5);
    const items = (await Promise.all((await rawFiles(dataDir)).filter(([t]) => t === 'order_items').map(([, n]) => rawRows(join(landed(dataDir, 'order_items'), n))))).flatMap((f) => f.rows);
    const perKeySecond = new Map<string, number>();
    for (const r of items.filter((r) => r.Op === 'U')) {
      const k = `${String(r.order_id)}|${String(r.sku)}|${String(r.dms_commit_ts).slice(0, 19)}`;
      perKeySecond.set(k, (perKeySecond.get(k) ?? 0) + 1);
    }
    expect(Math.max(...perKeySecond.values())).toBeGreaterThanOrEqual(3);
    expect(items.some((r) => r.Op === 'D')).toBe(true);

    const { tables } = await merge(dataDir);
    expect(tables.map((t) => t.name)).toEqual(SHOP_TABLES.map((t) => t.name));
    const source = await sourceState(client);
    expect(source.orders!.length).toBeGreaterThan(50);
    // The lake: the database with every personal column (customers' ids, names, e-mails; orders' customer ids) hashed in TypeScript.
    expect(await currentState(dirsOf(dataDir).lakeDir)).toEqual(await sourceState(client, SHOP_TABLES, pseudonymiser));
    expect(await currentState(dirsOf(dataDir).lakeDir)).not.toEqual(source);
    // The landing zone: the database as it is.
    expect(await latestFromRawFiles(dirsOf(dataDir).landingDir)).toEqual(source);
  }, 60_000);

  it('no Parquet file under lake/ holds a raw customer id or e-mail of the database, while the landing zone does', async () => {
    const { rows } = await client.query<{ customer_id: string; email: string }>('SELECT customer_id, email FROM public.customers');
    const raw = rows.flatMap((r) => [r.customer_id, r.email]);
    expect(raw.length).toBeGreaterThan(1000);
    const inLanding = await findValuesInParquet(dirsOf(dataDir).landingDir, raw);
    expect(new Set([...inLanding.values()].flat())).toEqual(new Set(raw));
    expect((await parquetFilesUnder(dirsOf(dataDir).lakeDir)).length).toBeGreaterThanOrEqual(SHOP_TABLES.length);
    expect(await findValuesInParquet(dirsOf(dataDir).lakeDir, raw)).toEqual(new Map());
  }, 60_000);

  it('replaying every CDC file, and merging again, changes nothing', async () => {
    const replay = await tempDir();
    for (const [table, name] of await rawFiles(dataDir)) {
      await mkdir(landed(replay, table), { recursive: true });
      await copyFile(join(landed(dataDir, table), name), join(landed(replay, table), name));
      // The replay: the same changes again under a later file name, as a restarted replicator writes them.
      if (!name.startsWith('LOAD')) await copyFile(join(landed(dataDir, table), name), join(landed(replay, table), name.replace('.parquet', '-9.parquet')));
    }
    await merge(replay);
    const expected = await sourceState(client, SHOP_TABLES, pseudonymiser);
    expect(await currentState(dirsOf(replay).lakeDir)).toEqual(expected);
    await merge(replay);
    expect(await currentState(dirsOf(replay).lakeDir)).toEqual(expected);
  }, 60_000);

  it.each([1, 2])('files arriving in a shuffled order (seed %i), merged after each arrival, end in the same state', async (seed) => {
    const shuffled = new Rng(deriveSeed(seed, 'lake.e2e.shuffle')).shuffled(await rawFiles(dataDir));
    const late = await tempDir();
    for (const table of SHOP_TABLES) await mkdir(landed(late, table.name), { recursive: true });
    // Files arrive a few at a time in the wrong order; the merge runs between arrivals.
    for (let i = 0; i < shuffled.length; i += Math.ceil(shuffled.length / 6)) {
      for (const [table, name] of shuffled.slice(i, i + Math.ceil(shuffled.length / 6))) await copyFile(join(landed(dataDir, table), name), join(landed(late, table), name));
      await merge(late);
    }
    expect(await currentState(dirsOf(late).lakeDir)).toEqual(await sourceState(client, SHOP_TABLES, pseudonymiser));
  }, 60_000);
});
