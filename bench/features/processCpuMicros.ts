import { readFile } from 'node:fs/promises';
import { statCpuMicros } from '../../local/up/threads';

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
    return statCpuMicros(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}
