import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the first lines of `<pgdata>/postmaster.pid` say about the server that wrote it. */
export interface PostmasterPid {
  /** The postmaster's process id. */
  readonly pid: number;
  /** The data directory it runs on, as it was given. */
  readonly dataDir: string;
  /** The port it listens on. */
  readonly port: number;
  /** `starting`, `ready`, `stopping` or `standby` (PostgreSQL 10+); empty while it starts. */
  readonly status: string;
}

/** The lock file every running postmaster keeps in its data directory. */
export const postmasterPidPath = (pgdata: string): string => join(pgdata, 'postmaster.pid');

/**
 * Reads `postmaster.pid`, or `undefined` when there is none (or it is too short to name a pid,
 * as when the postmaster is writing it).
 *
 * @see https://www.postgresql.org/docs/current/storage-file-layout.html
 */
export async function readPostmasterPid(pgdata: string): Promise<PostmasterPid | undefined> {
  let text: string;
  try {
    text = await readFile(postmasterPidPath(pgdata), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const lines = text.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return {
    pid,
    dataDir: lines[1] ?? '',
    port: Number.parseInt(lines[3] ?? '', 10),
    status: (lines[7] ?? '').trim(),
  };
}
