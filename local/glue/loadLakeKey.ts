import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CURRENT_PREFIX } from '../../lib/catalog';
import { FileKeyProvider, InvalidPseudonymisationKeyError, Pseudonymiser } from '../../lib/privacy';
import { CURRENT_DATA_FILE, KEY_CHECK, KEY_CHECK_VALUE, LEGACY_RAW_DIR } from './constants';
import { commitFile, tempPath } from './mergeState';

/** Where the lake records its key's check: `<lakeDir>/current/_merge/key-check.json`. */
export function keyCheckPath(lakeDir: string): string {
  return join(lakeDir, CURRENT_PREFIX, KEY_CHECK.dir, KEY_CHECK.file);
}

/**
 * The pseudonymiser of the lake's shop tables, from the key file the events archiver uses
 * (`FileKeyProvider`, `<dataDir>/pseudonymisation.key`), checked against the key the lake's
 * current-state tables were written with ({@link KEY_CHECK}). The key file is generated only for
 * a lake without shop tables yet; the check is recorded before the first table is written.
 *
 * @throws InvalidPseudonymisationKeyError naming the key file when it is missing while the lake
 *   holds pseudonymised tables, unreadable, too short, readable by others, or not the key the
 *   lake was written with; or when the lake's tables were written before pseudonymisation.
 *   Nothing is changed then.
 */
export async function loadLakeKey(keyFile: string, lakeDir: string): Promise<Pseudonymiser> {
  const checkPath = keyCheckPath(lakeDir);
  const recorded = await readCheck(checkPath, keyFile);
  const tables = await tablesWithData(join(lakeDir, CURRENT_PREFIX));
  if (recorded === undefined && tables.length > 0)
    throw new InvalidPseudonymisationKeyError(
      keyFile,
      `the lake's current-state tables (${tables.join(', ')} under ${join(lakeDir, CURRENT_PREFIX)}) have no key check (${checkPath}): they were written before the merge pseudonymised, with personal values in clear; remove ${join(lakeDir, CURRENT_PREFIX)} and ${join(lakeDir, LEGACY_RAW_DIR)} (or start with --fresh) so the merge rebuilds them from the landing zone`,
    );
  // Without tables there is nothing a new key could contradict, so the key file may be generated.
  const pseudonymiser = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: keyFile, create: recorded === undefined }));
  const check = pseudonymiser.hash(KEY_CHECK_VALUE);
  if (recorded === undefined) {
    await mkdir(join(lakeDir, CURRENT_PREFIX, KEY_CHECK.dir), { recursive: true });
    const temp = tempPath(checkPath);
    await writeFile(temp, `${JSON.stringify({ value: KEY_CHECK_VALUE, pseudonym: check })}\n`);
    await commitFile(temp, checkPath);
  } else if (recorded !== check) {
    throw new InvalidPseudonymisationKeyError(
      keyFile,
      `it is not the key the lake's shop tables were pseudonymised with (${checkPath} records another): merging with it would give every customer a second pseudonym; restore that key file, or remove the lake and the key (--fresh)`,
    );
  }
  return pseudonymiser;
}

async function readCheck(path: string, keyFile: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InvalidPseudonymisationKeyError(keyFile, `cannot read the lake's key check ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  const parsed = (() => {
    try {
      return JSON.parse(text) as { pseudonym?: unknown };
    } catch {
      return {};
    }
  })();
  if (typeof parsed.pseudonym !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.pseudonym))
    throw new InvalidPseudonymisationKeyError(keyFile, `the lake's key check ${path} is not a JSON object with a 64-hex "pseudonym"`);
  return parsed.pseudonym;
}

/** The table folders under `current/` that hold a data file. */
async function tablesWithData(currentDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(currentDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || entry.name === KEY_CHECK.dir) continue;
    const files = await readdir(join(currentDir, entry.name)).catch(() => [] as string[]);
    if (files.includes(CURRENT_DATA_FILE)) found.push(entry.name);
  }
  return found.sort();
}
