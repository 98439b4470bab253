import { randomBytes } from 'node:crypto';
import { chown, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { POSTGRES_USER } from './constants';
import { InitdbError } from './errors';
import type { RunAsUser } from './resolveRunAsUser';
import { exited, spawnLogged } from './spawnLogged';

/** Options of {@link initCluster}. */
export interface InitClusterOptions {
  /** The `initdb` program. */
  readonly initdb: string;
  /** The cluster directory (PGDATA). */
  readonly pgdata: string;
  /** Where the superuser's password is kept (created with mode 0600). */
  readonly passwordFile: string;
  /** Receives initdb's output. */
  readonly logFd: number;
  /** @default - the current user */
  readonly runAs?: RunAsUser;
  /** The last lines of the log, for the error when initdb fails. @default - none */
  readonly readLogTail?: () => Promise<string>;
}

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Whether `pgdata` holds an initialised cluster (`PG_VERSION` is written by initdb). */
export const isCluster = (pgdata: string): Promise<boolean> => exists(join(pgdata, 'PG_VERSION'));

/**
 * Creates the cluster with `initdb` when `pgdata` does not hold one yet, with a new random
 * superuser password (SCRAM authentication). initdb writes into `<pgdata>.init` and the result
 * is renamed into place, so a run killed during initdb leaves no half-made cluster behind.
 *
 * @returns true when a cluster was created, false when one was already there.
 * @throws InitdbError when initdb fails (its output is in the log).
 */
export async function initCluster(options: InitClusterOptions): Promise<boolean> {
  const { pgdata, passwordFile, runAs } = options;
  if (await isCluster(pgdata)) return false;
  const staging = `${pgdata}.init`;
  await rm(staging, { recursive: true, force: true });
  await rm(pgdata, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  await writeFile(passwordFile, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  if (runAs !== undefined) {
    await chown(staging, runAs.uid, runAs.gid);
    await chown(passwordFile, runAs.uid, runAs.gid);
  }
  const args = [
    `--pgdata=${staging}`,
    `--username=${POSTGRES_USER}`,
    `--pwfile=${passwordFile}`,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-instructions',
  ];
  let outcome: number | NodeJS.Signals;
  try {
    outcome = await exited(spawnLogged(options.initdb, args, { logFd: options.logFd, ...(runAs === undefined ? {} : { runAs }) }));
  } catch (cause) {
    throw new InitdbError(pgdata, `could not run ${options.initdb}`, '', { cause });
  }
  if (outcome !== 0) throw new InitdbError(pgdata, `initdb exited with ${outcome}`, (await options.readLogTail?.()) ?? '');
  await rename(staging, pgdata);
  return true;
}
