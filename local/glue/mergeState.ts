import { open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STALE_TEMP_FILE_MS, TEMP_FILE_PREFIX } from './constants';

/** A raw DMS file: its path, name and size. */
export interface RawFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

/** The `.parquet` files of a folder, sorted by name, with their sizes (none when it does not exist). */
export async function listRawFiles(dir: string): Promise<RawFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.parquet')).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: RawFile[] = [];
  for (const name of names.sort()) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info !== undefined) files.push({ path: join(dir, name), name, size: info.size });
  }
  return files;
}

/**
 * The raw files a table's last merge read, by name and size. A missing or unreadable manifest is
 * an empty one: the merge then reads every file again, which changes nothing already merged.
 */
export async function readManifest(path: string): Promise<Map<string, number>> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { files?: Record<string, unknown> };
    return new Map(Object.entries(parsed.files ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return new Map();
  }
}

/** Writes the manifest of `files` atomically. */
export async function writeManifest(path: string, files: readonly RawFile[]): Promise<void> {
  const temp = tempPath(path);
  await writeFile(temp, `${JSON.stringify({ files: Object.fromEntries(files.map((f) => [f.name, f.size])) }, null, 1)}\n`);
  await commitFile(temp, path);
}

/** A temporary name beside `target` that no reader's glob matches. */
export function tempPath(target: string): string {
  return join(dirname(target), `${TEMP_FILE_PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
}

/**
 * Makes `temp` the file `target`: its bytes reach the disk, then a rename replaces the old file,
 * so a crash leaves either the old file or the new one, never a torn one.
 */
export async function commitFile(temp: string, target: string): Promise<void> {
  const handle = await open(temp, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
}

/** Temporary files of a killed merge; a live merge's file is younger than {@link STALE_TEMP_FILE_MS}. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(TEMP_FILE_PREFIX)) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > STALE_TEMP_FILE_MS) await rm(path, { force: true });
  }
}
