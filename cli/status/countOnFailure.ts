import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The records in a mapping's on-failure destination, `<dataDir>/esm/<name>/on-failure.jsonl`
 * (one JSON line per batch Lambda gave up on, each naming its records' count), over every run.
 */
export async function countOnFailure(dataDir: string, mapping: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(join(dataDir, 'esm', mapping, 'on-failure.jsonl'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let records = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const size = (JSON.parse(line) as { KinesisBatchInfo?: { batchSize?: unknown } }).KinesisBatchInfo?.batchSize;
      records += typeof size === 'number' ? size : 1;
    } catch {
      records += 1;
    }
  }
  return records;
}
