import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../postgres/processInfo';
import { DATA_DIR_LAYOUT } from './constants';
import { DataDirInUseError } from './errors';

/**
 * Whether a live pid may be a `snowline up`: a Node process. After a SIGKILL the pid in the file
 * may have been given to some other program, which must not keep the data dir locked. Without
 * `/proc` (macOS) any live process counts.
 */
async function mayBeSnowline(pid: number): Promise<boolean> {
  try {
    return /(^|\/)node[^/\0]*\0/.test(await readFile(`/proc/${pid}/cmdline`, 'utf8'));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || process.platform !== 'linux';
  }
}

/** Data dirs held by a stack in this process (a pid file cannot tell two of them apart). */
const heldHere = new Set<string>();

/**
 * The claim of one `snowline up` on a data dir: `<dataDir>/snowline-up.pid` holds its pid. Two
 * stacks on one data dir would fight over the same LevelDB and PostgreSQL files, so the second is
 * refused. A pid file left by a killed process (whose pid is gone, or now runs something other
 * than Node) is taken over.
 */
export class DataDirLock {
  private constructor(
    /** The data dir, absolute. */
    readonly dataDir: string,
    private readonly file: string,
  ) {}

  /**
   * Claims `dataDir` (which must exist).
   *
   * @throws DataDirInUseError when a live process holds it.
   */
  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = join(dataDir, DATA_DIR_LAYOUT.lock);
    if (heldHere.has(dataDir)) throw new DataDirInUseError(dataDir, process.pid);
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && (await isProcessAlive(holder)) && (await mayBeSnowline(holder))) {
      throw new DataDirInUseError(dataDir, holder);
    }
    await writeFile(file, `${process.pid}\n`);
    heldHere.add(dataDir);
    return new DataDirLock(dataDir, file);
  }

  /** Gives the data dir up; safe to call twice. */
  async release(): Promise<void> {
    if (!heldHere.delete(this.dataDir)) return;
    await rm(this.file, { force: true });
  }
}
