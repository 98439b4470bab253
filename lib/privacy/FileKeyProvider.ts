import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkKey } from './checkKey';
import { GENERATED_KEY_BYTES } from './constants';
import { InvalidPseudonymisationKeyError } from './errors';
import { CachedKeyProvider } from './CachedKeyProvider';

/** Options of {@link FileKeyProvider}. */
export interface FileKeyProviderOptions {
  /** The key file, e.g. `<dataDir>/pseudonymisation.key`. */
  readonly file: string;
  /** Generate the file (32 random bytes as hex, mode 0600) when it does not exist. @default true */
  readonly create?: boolean;
}

/**
 * The local key: a file in the data dir, generated on first use (32 random bytes as 64 hex
 * characters, created with mode 0600 and never overwritten). A file that group or others can
 * read is refused, as ssh refuses such a private key.
 *
 * @example
 * ```ts
 * const pseudonymiser = await Pseudonymiser.fromProvider(new FileKeyProvider({ file: '.snowline/pseudonymisation.key' }));
 * ```
 */
export class FileKeyProvider extends CachedKeyProvider {
  private readonly file: string;
  private readonly create: boolean;

  constructor(options: FileKeyProviderOptions) {
    super();
    this.file = options.file;
    this.create = options.create ?? true;
  }

  /** @throws InvalidPseudonymisationKeyError naming the file: missing (with `create` off), unreadable, too short, or readable by others. */
  protected async load(): Promise<string> {
    if (this.create) await this.generateIfMissing();
    let text: string;
    try {
      const mode = (await stat(this.file)).mode & 0o777;
      if ((mode & 0o077) !== 0)
        throw new InvalidPseudonymisationKeyError(this.file, `the file's mode is ${mode.toString(8).padStart(4, '0')}, readable by others; run chmod 600 ${this.file}`);
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (error instanceof InvalidPseudonymisationKeyError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidPseudonymisationKeyError(this.file, code === 'ENOENT' ? 'the file does not exist' : `cannot read it (${code ?? String(error)})`, { cause: error });
    }
    return checkKey(text, this.file);
  }

  private async generateIfMissing(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    try {
      // 'wx' fails if the file exists, so two processes never replace each other's key.
      await writeFile(this.file, `${randomBytes(GENERATED_KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new InvalidPseudonymisationKeyError(this.file, `cannot create it (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
  }
}
