import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShopWorkload } from '../../../lib/shop';
import { applyShopTransaction, prepareShopDatabase, startPostgres, type PostgresService } from '../../../local/postgres';
import { findFreePort } from '../../../local/up/findFreePort';
import { ReplicatorError, startReplicator, type WrittenFile } from '../../../local/replicator';
import { SHOP_TABLES } from '../../../schemas/shop';
import { latestFromRawFiles, rawRows, sourceState } from './fixtures/shopState';

const CHILD = fileURLToPath(new URL('./fixtures/replicatorChild.ts', import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];
let postgres: PostgresService;

beforeAll(async () => {
  postgres = await startPostgres({ port: await findFreePort() });
}, 60_000);
afterAll(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
  await postgres?.close();
});

/** A fresh database with the shop in it, and an empty landing zone. */
async function freshShop(name: string): Promise<{ endpoint: string; client: pg.Client; landingDir: string }> {
  const admin = new pg.Client({ connectionString: postgres.endpoint });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const endpoint = postgres.endpoint.replace(/\/snowline$/, `/${name}`);
  await prepareShopDatabase(endpoint);
  const client = new pg.Client({ connectionString: endpoint });
  await client.connect();
  cleanups.push(() => client.end());
  const landingDir = await mkdtemp(join(tmpdir(), 'snowline-landing-test-'));
  await chmod(landingDir, 0o755);
  cleanups.push(() => rm(landingDir, { recursive: true, force: true }));
  return { endpoint, client, landingDir };
}

const SLOT_PREFIX = 'test_';

describe('startReplicator', () => {
  it("writes the full load and CDC files in DMS's layout, columns and types, values intact", async () => {
    const { endpoint, client, landingDir } = await freshShop('layout');
    const awkward = "O'Brien \\ \"quoted\" null Ünïcødé\nnew line";
    await client.query("INSERT INTO customers VALUES ('cust-x', $1, 'null', 'x@example.com', 'IE', 9007199254740993, '2026-01-01 10:00:00.123456+02', now())", [awkward]);
    const files: WrittenFile[] = [];
    const replicator = await startReplicator({ endpoint, landingDir, slot: `${SLOT_PREFIX}layout`, flushIntervalMs: 50, onFile: (f) => files.push(f) });
    cleanups.push(() => replicator.close());

    // Prepare: changes after the full load, one transaction with an insert, an update and a delete.
    const before = Date.now();
    await client.query('BEGIN');
    await client.query("INSERT INTO orders VALUES ('o-1', 'cust-x', 'placed', 10.5, 10.5, 'EUR', NULL, now(), NULL, now())");
    await client.query("UPDATE customers SET loyalty_points = loyalty_points + 1, updated_at = now() WHERE customer_id = 'cust-x'");
    await client.query("DELETE FROM customers WHERE customer_id = 'cust-000001'");
    await client.query('COMMIT');
    await replicator.catchUp();
    const after = Date.now();
    await replicator.close();

    // Assess: LOAD00000001 per table, then one CDC file each for customers and orders.
    for (const table of SHOP_TABLES) {
      const names = await readdir(join(landingDir, 'shop/public', table.name));
      expect(names).toContain('LOAD00000001.parquet');
      for (const name of names) expect(name).toMatch(/^(LOAD\d{8}|\d{8}-\d{9}(-\d+)?)\.parquet$/);
    }
    const load = await rawRows(join(landingDir, 'shop/public/customers/LOAD00000001.parquet'));
    expect(load.columns).toEqual([
      { name: 'Op', type: 'VARCHAR' },
      { name: 'dms_commit_ts', type: 'TIMESTAMP' },
      { name: 'dms_change_seq', type: 'VARCHAR' },
      { name: 'customer_id', type: 'VARCHAR' },
      { name: 'first_name', type: 'VARCHAR' },
      { name: 'last_name', type: 'VARCHAR' },
      { name: 'email', type: 'VARCHAR' },
      { name: 'country', type: 'VARCHAR' },
      { name: 'loyalty_points', type: 'BIGINT' },
      { name: 'created_at', type: 'TIMESTAMP' },
      { name: 'updated_at', type: 'TIMESTAMP' },
    ]);
    expect(load.rows).toHaveLength(801);
    expect(new Set(load.rows.map((r) => r.Op))).toEqual(new Set(['I']));
    expect(new Set(load.rows.map((r) => r.dms_change_seq))).toEqual(new Set(['0'.repeat(35)]));
    const x = load.rows.find((r) => r.customer_id === 'cust-x')!;
    expect(x).toMatchObject({ first_name: awkward, last_name: 'null', loyalty_points: '9007199254740993', created_at: '2026-01-01 08:00:00.123456' });
    const products = await rawRows(join(landingDir, 'shop/public/products/LOAD00000001.parquet'));
    expect(products.columns.find((c) => c.name === 'price')!.type).toBe('DECIMAL(12,2)');
    expect(products.columns.find((c) => c.name === 'stock')!.type).toBe('INTEGER');
    expect(products.columns.find((c) => c.name === 'active')!.type).toBe('BOOLEAN');

    const cdc = files.filter((f) => f.kind === 'cdc');
    expect(cdc.map((f) => f.table).sort()).toEqual(['customers', 'orders']);
    const customers = await rawRows(cdc.find((f) => f.table === 'customers')!.path);
    const orders = await rawRows(cdc.find((f) => f.table === 'orders')!.path);
    expect(customers.rows.map((r) => [r.Op, r.customer_id])).toEqual([
      ['U', 'cust-x'],
      ['D', 'cust-000001'],
    ]);
    expect(customers.rows[0]).toMatchObject({ first_name: awkward, loyalty_points: '9007199254740994' });
    expect(customers.rows[1]).toMatchObject({ first_name: null, email: null, loyalty_points: null });
    expect(orders.rows).toEqual([expect.objectContaining({ Op: 'I', order_id: 'o-1', total: '10.50', country: null, shipped_at: null })]);
    // One commit time for the whole transaction, taken while it ran; sequences in commit order.
    const stamps = new Set([...customers.rows, ...orders.rows].map((r) => r.dms_commit_ts));
    expect(stamps.size).toBe(1);
    const commitMs = Date.parse(`${[...stamps][0] as string}Z`.replace(' ', 'T'));
    expect(commitMs).toBeGreaterThanOrEqual(before - 1);
    expect(commitMs).toBeLessThanOrEqual(after);
    const seqs = [orders.rows[0]!.dms_change_seq, customers.rows[0]!.dms_change_seq, customers.rows[1]!.dms_change_seq] as string[];
    expect(seqs.every((s) => /^\d{35}$/.test(s))).toBe(true);
    expect([...seqs].sort()).toEqual(seqs);
  }, 60_000);

  it('refuses a bad slot name and a slot of another plugin, writing nothing', async () => {
    const { endpoint, client, landingDir } = await freshShop('refusals');
    await expect(startReplicator({ endpoint, landingDir, slot: 'Bad-Name' })).rejects.toThrow(/slot must be 1-63 lower-case/);
    await client.query("SELECT pg_create_logical_replication_slot('test_other', 'pgoutput')");
    cleanups.push(() => client.query("SELECT pg_drop_replication_slot('test_other')"));
    await expect(startReplicator({ endpoint, landingDir, slot: 'test_other' })).rejects.toThrow(ReplicatorError);
    await expect(startReplicator({ endpoint, landingDir, slot: 'test_other' })).rejects.toThrow(/exists with plugin pgoutput/);
    expect(await readdir(landingDir)).toEqual([]);
  }, 30_000);

  it('loads again when the slot exists but the full load did not complete (a crash during the load)', async () => {
    const { endpoint, client, landingDir } = await freshShop('reload');
    // Prepare: the slot of a run that died before LOAD00000001 of every table was in place, and a half-written file.
    await client.query("SELECT pg_create_logical_replication_slot('test_reload', 'test_decoding')");
    await mkdir(join(landingDir, 'shop/public/customers'), { recursive: true });
    await writeFile(join(landingDir, 'shop/public/customers/LOAD00000002.parquet.part'), 'half');
    const lines: string[] = [];
    const files: WrittenFile[] = [];
    const replicator = await startReplicator({ endpoint, landingDir, slot: 'test_reload', log: (l) => lines.push(l), onFile: (f) => files.push(f) });
    await replicator.close();
    expect(lines[0]).toBe('replicator: slot test_reload exists but the full load did not complete; dropping it and loading again');
    expect(files.map((f) => [f.table, f.kind, f.rows])).toEqual([['customers', 'load', 800], ['products', 'load', 240], ['orders', 'load', 0], ['order_items', 'load', 0]]);
    expect(await readdir(join(landingDir, 'shop/public/customers'))).toEqual(['LOAD00000001.parquet']);
    expect(await latestFromRawFiles(landingDir)).toEqual(await sourceState(client));
  }, 30_000);

  it('resumes from its slot after a SIGKILL between writing files and confirming them: nothing lost, the replay harmless', async () => {
    const { endpoint, client, landingDir } = await freshShop('resume');
    const workload = new ShopWorkload({ seed: 11 });
    const steps = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) for (const tx of workload.step()) await applyShopTransaction(client, tx);
    };
    await steps(50);

    // Act 1: the replicator in a child process, killed right after its 3rd CDC file, while the shop keeps writing.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, endpoint, landingDir, '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const childFiles: WrittenFile[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => childFiles.push(JSON.parse(line) as WrittenFile));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    let running = true;
    void exited.then(() => (running = false));
    while (running) await steps(2);
    expect(await exited, stderr).toBe('SIGKILL');
    expect(childFiles.filter((f) => f.kind === 'load')).toHaveLength(SHOP_TABLES.length);
    expect(childFiles.filter((f) => f.kind === 'cdc')).toHaveLength(3);
    await steps(60);

    // Act 2: start again in this process; more traffic; catch up.
    const lines: string[] = [];
    const files: WrittenFile[] = [];
    const replicator = await startReplicator({ endpoint, landingDir, flushIntervalMs: 20, maxChangesPerBatch: 200, log: (l) => lines.push(l), onFile: (f) => files.push(f) });
    cleanups.push(() => replicator.close());
    await steps(60);
    await replicator.catchUp();
    await replicator.close();

    // Assess: resumed (no second full load), the killed batch written again, and the files say exactly what the database holds.
    expect(lines[0]).toBe('replicator: resuming from slot snowline_dms');
    expect(files.filter((f) => f.kind === 'load')).toEqual([]);
    const killedSeqs = new Set<string>();
    for (const f of childFiles.filter((f) => f.kind === 'cdc')) for (const r of (await rawRows(f.path)).rows) killedSeqs.add(r.dms_change_seq as string);
    let replayed = 0;
    for (const f of files) for (const r of (await rawRows(f.path)).rows) if (killedSeqs.has(r.dms_change_seq as string)) replayed++;
    expect(replayed).toBeGreaterThan(0);
    expect(await latestFromRawFiles(landingDir)).toEqual(await sourceState(client));
    expect(workload.counts.cancel + workload.counts.reinsert + workload.counts.burst).toBeGreaterThan(0);
  }, 120_000);
});
