import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileKeyProvider, InvalidPseudonymisationKeyError, Pseudonymiser } from '../../../lib/privacy';

describe('FileKeyProvider', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'snowline-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a 256-bit hex key with mode 0600 on first use, and reads the same key after', async () => {
    const file = join(dir, 'nested', 'pseudonymisation.key');
    const key = await new FileKeyProvider({ file }).getKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe(`${key}\n`);
    expect(await new FileKeyProvider({ file }).getKey()).toBe(key);
  });

  it('never replaces a key when two providers start at once', async () => {
    const file = join(dir, 'pseudonymisation.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => new FileKeyProvider({ file }).getKey()));
    expect(new Set(keys).size).toBe(1);
  });

  it('gives pseudonyms that are stable across restarts and differ between data dirs', async () => {
    const a = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: join(dir, 'a.key') }));
    const again = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: join(dir, 'a.key') }));
    const b = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: join(dir, 'b.key') }));
    expect(again.hash('cust-000001')).toBe(a.hash('cust-000001'));
    expect(b.hash('cust-000001')).not.toBe(a.hash('cust-000001'));
  });

  it('refuses a key file others can read, naming the file and the fix', async () => {
    const file = join(dir, 'open.key');
    await writeFile(file, `${'a'.repeat(64)}\n`);
    await chmod(file, 0o644);
    const error = await new FileKeyProvider({ file }).getKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPseudonymisationKeyError);
    expect((error as Error).message).toBe(`pseudonymisation key from ${file}: the file's mode is 0644, readable by others; run chmod 600 ${file}`);
  });

  it('refuses a short key and a missing file when asked not to create one', async () => {
    const short = join(dir, 'short.key');
    await writeFile(short, 'abc\n', { mode: 0o600 });
    await expect(new FileKeyProvider({ file: short }).getKey()).rejects.toThrow(/short\.key: the key has 3 characters/);
    await expect(new FileKeyProvider({ file: join(dir, 'none.key'), create: false }).getKey()).rejects.toThrow(/none\.key: the file does not exist/);
  });
});
