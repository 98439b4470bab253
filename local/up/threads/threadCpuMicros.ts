import { readFileSync } from 'node:fs';

/** Linux's clock ticks per second (USER_HZ), the unit of /proc's times. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU (user + system) the calling thread has used so far, in µs, from
 * `/proc/thread-self/stat` (10 ms ticks, so a difference is good to about 20 ms); undefined where
 * there is no /proc (not Linux). Called in a worker thread, it is that thread's own time, which
 * `process.cpuUsage()` (the whole process) cannot give.
 *
 * @example
 * const before = threadCpuMicros();
 */
export function threadCpuMicros(): number | undefined {
  try {
    return statCpuMicros(readFileSync('/proc/thread-self/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The user + system time in a `/proc/<pid>/stat` (or a task's `stat`) line, fields 14 and 15 in
 * 10 ms ticks, as µs; undefined when the line is not one.
 */
export function statCpuMicros(stat: string): number | undefined {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1e6) / TICKS_PER_SECOND : undefined;
}
