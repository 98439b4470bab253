import { readFile } from 'node:fs/promises';

/** Linux's clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's times. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU (user + system) another process has used so far, in µs, from `/proc/<pid>/stat`
 * (fields 14 and 15, in 10 ms ticks, so a difference is good to about 20 ms); undefined where
 * there is no /proc (not Linux) or the process is gone.
 *
 * @example
 * const before = await processCpuMicros(child.pid);
 */
export async function processCpuMicros(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1e6) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
