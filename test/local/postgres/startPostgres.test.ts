import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PortInUseError } from '../../../local/http';
import { DataDirNotAccessibleError, isProcessAlive, postmasterPidPath, startPostgres, terminatePostmaster, type PostgresService } from '../../../local/postgres';
import { findFreePort } from '../../../local/up/findFreePort';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snowline-pg-test-'));
  // mkdtemp makes it private; as root, PostgreSQL runs as another user who must get in.
  await chmod(dir, 0o755);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: Parameters<typeof startPostgres>[0]): Promise<PostgresService> {
  const service = await startPostgres(options);
  cleanups.push(() => service.close());
  return service;
}

async function query(endpoint: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: endpoint, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  it('creates a cluster once with wal_level=logical and a snowline database, and keeps data across a restart', async () => {
    const dataDir = await tempDir();
    const port = await findFreePort();

    const first = await startPostgres({ dataDir, port });
    expect(first.initialised).toBe(true);
    expect(first.previousRun).toEqual({ kind: 'clean' });
    expect(first.endpoint).toBe(`postgres://postgres:${first.password}@127.0.0.1:${port}/snowline`);
    expect(first.pgdata).toBe(join(dataDir, 'postgres', 'data'));
    expect(first.logFile).toBe(join(dataDir, 'logs', 'postgres.log'));
    expect(await query(first.endpoint, 'SHOW wal_level')).toEqual([{ wal_level: 'logical' }]);
    expect(await query(first.endpoint, 'SHOW max_replication_slots')).toEqual([{ max_replication_slots: '10' }]);
    expect(await query(first.endpoint, 'SELECT current_database() AS db')).toEqual([{ db: 'snowline' }]);
    await query(first.endpoint, "CREATE TABLE kept (id int PRIMARY KEY, note text); INSERT INTO kept VALUES (1, 'before restart')");
    await first.close();
    expect(await isProcessAlive(first.pid)).toBe(false);
    expect(await readFile(first.logFile, 'utf8')).toContain('database system is shut down');

    const second = await start({ dataDir, port });
    expect(second.initialised).toBe(false);
    expect(second.initdbMs).toBe(0);
    expect(second.password).toBe(first.password);
    expect(await query(second.endpoint, 'SELECT id, note FROM kept')).toEqual([{ id: 1, note: 'before restart' }]);
  });

  it('stops a PostgreSQL left running by a SIGKILLed parent and starts cleanly with committed data', async () => {
    const dataDir = await tempDir();
    const port = await findFreePort();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'holdPostgres.ts'), dataDir, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(async () => void child.kill('SIGKILL'));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the child did not start PostgreSQL in 30 s')), 30_000);
      createInterface({ input: child.stdout! }).once('line', (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
    });
    const orphan = JSON.parse(line) as { pid: number; endpoint: string };
    // If anything below fails, the orphan must still go.
    cleanups.push(async () => void (await terminatePostmaster(orphan.pid, { fastShutdown: 2_000 })));
    await query(orphan.endpoint, "CREATE TABLE acked (id int); INSERT INTO acked VALUES (42)");

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await isProcessAlive(orphan.pid)).toBe(true);

    const restarted = await start({ dataDir, port });
    expect(restarted.previousRun).toEqual({ kind: 'stopped', pid: orphan.pid, signal: 'SIGINT' });
    expect(await isProcessAlive(orphan.pid)).toBe(false);
    expect(restarted.initialised).toBe(false);
    expect(await query(restarted.endpoint, 'SELECT id FROM acked')).toEqual([{ id: 42 }]);
  });

  it('removes a lock file naming a dead process and starts', async () => {
    const dataDir = await tempDir();
    const port = await findFreePort();
    const first = await startPostgres({ dataDir, port });
    await first.close();
    const pidFile = postmasterPidPath(first.pgdata);
    // What a postmaster killed with SIGKILL leaves: its lock file, naming a pid that is gone.
    await writeFile(pidFile, `999999\n${first.pgdata}\n1700000000\n${port}\n\n127.0.0.1\n  1234  5678\nready   \n`);

    const second = await start({ dataDir, port });
    expect(second.previousRun).toEqual({ kind: 'stale-pid-file', pid: 999999 });
    expect(await query(second.endpoint, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('rejects a port in use with PortInUseError and leaves no server behind', async () => {
    const dataDir = await tempDir();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;

    const error = await startPostgres({ dataDir, port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(port);
    await expect(readFile(postmasterPidPath(join(dataDir, 'postgres', 'data')), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it.runIf(process.getuid?.() === 0)('as root, names a data dir the PostgreSQL user cannot enter', async () => {
    const parent = await tempDir();
    const locked = join(parent, 'private');
    await mkdir(locked, { mode: 0o700 });
    const error = await startPostgres({ dataDir: join(locked, 'data'), port: await findFreePort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirNotAccessibleError);
    expect((error as DataDirNotAccessibleError).directory).toBe(locked);
  });
});
