import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DataDirNotAccessibleError } from './errors';
import type { RunAsUser } from './resolveRunAsUser';

/**
 * Checks that `user` may enter every directory from the root down to `path` (execute permission
 * as owner, group or other), so a root-owned private directory gives a clear error instead of a
 * failed initdb.
 *
 * @throws DataDirNotAccessibleError naming the first directory the user cannot enter.
 */
export async function checkTraversable(path: string, user: RunAsUser): Promise<void> {
  const chain: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    const info = await stat(dir);
    const mode = info.mode;
    const ok = info.uid === user.uid ? (mode & 0o100) !== 0 : info.gid === user.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!ok) throw new DataDirNotAccessibleError(dir, user.name);
  }
}
