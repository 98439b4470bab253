import { open, type FileHandle } from 'node:fs/promises';
import { StoreWriteError } from '../errors';

interface PendingLine {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One append-only file of JSON lines with group commit: lines appended while a write is in
 * flight go out together in the next write, followed by one `fdatasync`.
 */
export class LogFile {
  readonly path: string;
  readonly generation: number;
  private readonly handle: FileHandle;
  private pending: PendingLine[] = [];
  private writing: Promise<void> | undefined;
  private failure: unknown;
  /** Bytes written or queued so far. */
  sizeBytes = 0;

  private constructor(path: string, generation: number, handle: FileHandle) {
    this.path = path;
    this.generation = generation;
    this.handle = handle;
  }

  /** Creates (or truncates) the file and syncs its directory entry. */
  static async create(path: string, generation: number): Promise<LogFile> {
    const handle = await open(path, 'w');
    await handle.sync();
    return new LogFile(path, generation, handle);
  }

  /** Queues one line; resolves once it is on disk. */
  append(line: string): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(new StoreWriteError(this.path, { cause: this.failure }));
    const text = line + '\n';
    this.sizeBytes += Buffer.byteLength(text);
    const done = new Promise<void>((resolve, reject) => this.pending.push({ line: text, resolve, reject }));
    if (this.writing === undefined) this.writing = this.writeLoop();
    return done;
  }

  /** Resolves once every line queued so far is on disk (or failed). */
  async drain(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  /** Drains and closes the file. */
  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          if (this.failure !== undefined) throw this.failure;
          await this.handle.write(batch.map((entry) => entry.line).join(''));
          await this.handle.datasync();
          for (const entry of batch) entry.resolve();
        } catch (error) {
          this.failure ??= error;
          const wrapped = new StoreWriteError(this.path, { cause: error });
          for (const entry of batch) entry.reject(wrapped);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
