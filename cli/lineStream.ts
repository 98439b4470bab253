import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** The lines of a file, or of stdin when `path` is omitted or `-`; a missing file rejects with a clear error. */
export async function* readLines(path?: string, stdin: Readable = process.stdin): AsyncGenerator<string> {
  const input = path === undefined || path === '-' ? stdin : await openFile(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) yield line;
}

async function openFile(path: string): Promise<Readable> {
  const stream = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${error.message}`)),
    );
  });
  return stream;
}

/**
 * Writes text to a stream in large chunks, waiting when the stream asks to, so that a fast
 * producer neither floods memory nor makes one syscall per line.
 */
export class BufferedWriter {
  private chunks: string[] = [];
  private size = 0;

  constructor(
    private readonly out: Writable,
    /** Bytes gathered before a write. @default 64 KiB */
    private readonly highWaterMark = 64 * 1024,
  ) {}

  /** Adds text; resolves at once unless a flush had to wait for the stream. */
  async write(text: string): Promise<void> {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= this.highWaterMark) await this.flush();
  }

  /** Writes what is gathered and waits for the stream to drain if it is full. */
  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}
