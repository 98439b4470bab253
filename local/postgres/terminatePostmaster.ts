import { setTimeout as sleep } from 'node:timers/promises';
import { POSTGRES_TIMEOUTS } from './constants';
import { isProcessAlive } from './processInfo';

/** The signal that finally stopped a postmaster: fast, immediate or kill. */
export type StopSignal = 'SIGINT' | 'SIGQUIT' | 'SIGKILL';

/** Timeouts of {@link terminatePostmaster}, in ms. */
export interface TerminateTimeouts {
  readonly fastShutdown?: number;
  readonly immediateShutdown?: number;
  readonly kill?: number;
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!(await isProcessAlive(pid))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Stops a postmaster the way `pg_ctl stop` escalates: SIGINT (fast shutdown: disconnect
 * clients, checkpoint), then SIGQUIT (immediate: recovery on next start, nothing committed is
 * lost), then SIGKILL. Resolves with the signal that worked, or `undefined` if it still lives.
 *
 * @see https://www.postgresql.org/docs/current/server-shutdown.html
 */
export async function terminatePostmaster(pid: number, timeouts: TerminateTimeouts = {}): Promise<StopSignal | undefined> {
  const steps: readonly [StopSignal, number][] = [
    ['SIGINT', timeouts.fastShutdown ?? POSTGRES_TIMEOUTS.fastShutdown],
    ['SIGQUIT', timeouts.immediateShutdown ?? POSTGRES_TIMEOUTS.immediateShutdown],
    ['SIGKILL', timeouts.kill ?? POSTGRES_TIMEOUTS.kill],
  ];
  for (const [name, ms] of steps) {
    if (!(await isProcessAlive(pid))) return name;
    signal(pid, name);
    if (await waitGone(pid, ms)) return name;
  }
  return undefined;
}
