import { open } from 'node:fs/promises';

/** Flushes a file or a directory (its entries: a rename in it) to disk. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
