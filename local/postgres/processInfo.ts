import { execFile } from 'node:child_process';
import { readFile, readlink, realpath } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Whether `pid` is a live process. A zombie (dead, not yet reaped, as an orphan is in a
 * container whose init does not reap) counts as dead.
 */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The state follows the parenthesised command name, which may itself hold spaces.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // No /proc (macOS): kill(0) is the answer.
  }
}

async function samePath(a: string, b: string): Promise<boolean> {
  try {
    return (await realpath(a)) === (await realpath(b));
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is a PostgreSQL server running on the cluster in `pgdata`: its program is
 * `postgres` and it runs in that directory (the postmaster changes into its data directory) or
 * names it on its command line. Guards against a recycled pid in a stale `postmaster.pid`.
 */
export async function isPostmasterOf(pid: number, pgdata: string): Promise<boolean> {
  try {
    const exe = await readlink(`/proc/${pid}/exe`);
    if (!basename(exe).startsWith('postgres')) return false;
    if (await samePath(await readlink(`/proc/${pid}/cwd`), pgdata)) return true;
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const dirIndex = cmdline.indexOf('-D');
    return dirIndex >= 0 && (await samePath(cmdline[dirIndex + 1] ?? '', pgdata));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || process.platform === 'linux') return false;
  }
  try {
    const { stdout } = await run('ps', ['-p', String(pid), '-o', 'command=']);
    return /(^|\/)postgres(\s|$)/.test(stdout) && stdout.includes(pgdata);
  } catch {
    return false;
  }
}
