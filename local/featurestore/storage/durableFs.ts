import { mkdir, open } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Flushes a file or a directory to disk. A directory is synced after a create or a rename so
 * the new name survives a crash, not only the data.
 */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates `dir` and its missing parents, and syncs each parent so the new entries survive a crash. */
export async function mkdirDurable(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  const created = relative(dirname(first), dir).split(sep);
  let current = dirname(first);
  await syncPath(current);
  for (const part of created) {
    current = join(current, part);
    await syncPath(current);
  }
}
