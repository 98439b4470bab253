import { rm } from 'node:fs/promises';
import { StalePostgresError } from './errors';
import { postmasterPidPath, readPostmasterPid } from './postmasterPid';
import { isPostmasterOf, isProcessAlive } from './processInfo';
import { terminatePostmaster, type StopSignal } from './terminatePostmaster';

/** What {@link stopStalePostgres} found and did. */
export type StaleOutcome =
  /** No `postmaster.pid`: the last server stopped cleanly (or there never was one). */
  | { readonly kind: 'clean' }
  /** A `postmaster.pid` whose process is gone (or is not a postgres of this cluster); removed. */
  | { readonly kind: 'stale-pid-file'; readonly pid: number }
  /** A postgres of this cluster was still running, left by a killed process; it was stopped. */
  | { readonly kind: 'stopped'; readonly pid: number; readonly signal: StopSignal };

/**
 * Makes a cluster directory ready to start after whatever happened to the last `snowline up`:
 * a server left running by a SIGKILLed parent is stopped (fast shutdown first, so nothing
 * committed is lost), and a lock file naming a dead or recycled pid is removed, so PostgreSQL
 * does not refuse to start.
 *
 * @throws StalePostgresError when the leftover server survives SIGKILL.
 */
export async function stopStalePostgres(pgdata: string): Promise<StaleOutcome> {
  const lock = await readPostmasterPid(pgdata);
  if (lock === undefined) return { kind: 'clean' };
  const { pid } = lock;
  if ((await isProcessAlive(pid)) && (await isPostmasterOf(pid, pgdata))) {
    const signal = await terminatePostmaster(pid);
    if (signal === undefined) throw new StalePostgresError(pid, pgdata);
    // A postmaster that stopped cleanly removed its lock file; one that was killed did not.
    await rm(postmasterPidPath(pgdata), { force: true });
    return { kind: 'stopped', pid, signal };
  }
  await rm(postmasterPidPath(pgdata), { force: true });
  return { kind: 'stale-pid-file', pid };
}
