/**
 * The local API key, generated once into the data dir and readable by its owner only.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_KEY_FILE } from './constants';
import { ApiKeyFileError } from './errors';

/** A key: 32 random bytes, base64url (43 characters). */
const KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * The key in `<dataDir>/api-key`, created (mode 0600) with 32 random bytes on first use; an
 * existing file whose mode lets others read it is tightened to 0600.
 *
 * @throws ApiKeyFileError if the file exists but holds no valid key
 * @example
 * ```ts
 * const apiKey = await ensureApiKey('.snowline');
 * await startHttpApi({ routes, health, apiKey });
 * ```
 */
export const ensureApiKey = async (dataDir: string): Promise<string> => {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, API_KEY_FILE);
  try {
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const key = (await readFile(file, 'utf8')).trim();
  if (!KEY_PATTERN.test(key)) throw new ApiKeyFileError(file, 'does not hold a key of 32-128 characters of A-Z, a-z, 0-9, "_" and "-"');
  return key;
};
