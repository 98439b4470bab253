import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DATA_DIR_LAYOUT } from './constants';

/**
 * Creates the data dir, and with `fresh` empties it first: exactly the folders and files the
 * stack makes are removed (never anything else in the directory). Call it while holding the
 * {@link DataDirLock}, once no PostgreSQL runs on it (see `stopStalePostgres`).
 *
 * @returns the data dir, absolute.
 */
export async function prepareDataDir(dataDir: string, fresh: boolean): Promise<string> {
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true });
  if (fresh) {
    const { lock: _lock, ...owned } = DATA_DIR_LAYOUT;
    await Promise.all(Object.values(owned).map((entry) => rm(join(root, entry), { recursive: true, force: true })));
  }
  return root;
}
