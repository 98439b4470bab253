import { randomUUID } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { PseudonymousEventRow } from '../../lib/privacy';
import { mkdirDurable, syncPath } from '../featurestore/storage/durableFs';
import { ARCHIVE_FILE_PREFIX, DEFAULT_ARCHIVE_BUFFER, FLUSH_CHECK_INTERVAL_MS } from './constants';
import { ArchiveFlushError, ArchiverError, InvalidArchiveOptionError } from './errors';
import type { EventArchiveOptions, FlushResult } from './types';
import { removeSegment, writeSegmentParquet } from './writeSegmentParquet';

const SEGMENT = /^segment-(\d{13})-([0-9a-f-]{36})\.jsonl$/;

interface OpenSegment {
  readonly path: string;
  readonly startedMs: number;
  readonly handle: FileHandle;
  bytes: number;
}

/** `<prefix>-<yyyy-MM-dd-HH-mm-ss>-<id>.parquet` for a segment started at `ms`. */
function archiveFileName(ms: number, id: string): string {
  const stamp = new Date(ms).toISOString().slice(0, 19).replace(/[T:]/g, '-');
  return `${ARCHIVE_FILE_PREFIX}-${stamp}-${id}.parquet`;
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArchiveOptionError(option, value, 'a positive number');
  return value;
}

/**
 * The local stand-in for the Firehose delivery stream of the events archive.
 *
 * {@link append} stages rows durably (appended as JSON lines to the open segment file and synced)
 * before it resolves, so a batch acknowledged to Kinesis is never lost. When the segment reaches
 * the buffer's size or age, {@link flush} writes it as Parquet by collector date and removes it.
 * Segments left by a crash are written when the archive opens. A segment written twice (a crash
 * between its files and its removal) gives the same files again, not new ones.
 *
 * @example
 * ```ts
 * const archive = await EventArchive.open({ lakeDir: '.snowline/lake', stagingDir: '.snowline/archiver' });
 * await archive.append(rows);
 * await archive.close(); // writes what is staged
 * ```
 */
export class EventArchive {
  private readonly lakeDir: string;
  private readonly stagingDir: string;
  private readonly maxBytes: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly onError: (error: Error) => void;
  private current: OpenSegment | undefined;
  /** Closed segments not yet written (a failed write is tried again at the next flush). */
  private readonly pending: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private duck: { instance: DuckDBInstance; connection: DuckDBConnection } | undefined;
  private closed = false;

  private constructor(options: EventArchiveOptions) {
    this.lakeDir = options.lakeDir;
    this.stagingDir = options.stagingDir;
    this.maxBytes = positive('buffer.maxBytes', options.buffer?.maxBytes ?? DEFAULT_ARCHIVE_BUFFER.maxBytes);
    this.intervalMs = positive('buffer.intervalMs', options.buffer?.intervalMs ?? DEFAULT_ARCHIVE_BUFFER.intervalMs);
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
  }

  /**
   * Opens the archive: writes any segment a previous run left staged, then starts the interval
   * check (unless `timer` is false).
   *
   * @throws InvalidArchiveOptionError for a buffer size or interval that is not positive.
   */
  static async open(options: EventArchiveOptions): Promise<EventArchive> {
    const archive = new EventArchive(options);
    await mkdirDurable(archive.stagingDir);
    archive.pending.push(...(await archive.stagedSegments()).map((name) => join(archive.stagingDir, name)));
    await archive.writePending();
    if (options.timer ?? true) {
      archive.timer = setInterval(() => {
        archive.flushIfDue().catch((error: unknown) => archive.onError(error as Error));
      }, Math.min(FLUSH_CHECK_INTERVAL_MS, archive.intervalMs));
      archive.timer.unref();
    }
    return archive;
  }

  /** Stages `rows` durably; resolves once they are on disk. Then writes the segment if it is full. */
  append(rows: readonly PseudonymousEventRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const data = Buffer.from(rows.map((row) => `${JSON.stringify(row)}\n`).join(''), 'utf8');
    return this.serial(async () => {
      if (this.closed) throw new ArchiverError('archiver: append after close');
      const segment = (this.current ??= await this.startSegment());
      await segment.handle.appendFile(data);
      await segment.handle.datasync();
      segment.bytes += data.length;
      // The rows are staged: a failed write does not fail the append, it is tried again at the next flush.
      if (segment.bytes >= this.maxBytes) await this.flushCurrent().catch((error: unknown) => this.onError(error as Error));
    });
  }

  /** Writes the open segment if it is full or its oldest row is older than the interval. */
  flushIfDue(): Promise<FlushResult | undefined> {
    return this.serial(async () => {
      const segment = this.current;
      const due = segment !== undefined && (segment.bytes >= this.maxBytes || this.now() - segment.startedMs >= this.intervalMs);
      if (!due && this.pending.length === 0) return undefined;
      return due ? this.flushCurrent() : (await this.writePending()).at(-1);
    });
  }

  /** Writes the open segment now, whatever its size and age. */
  flush(): Promise<FlushResult | undefined> {
    return this.serial(() => this.flushCurrent());
  }

  /** Stops the timer, writes what is staged and releases DuckDB. Safe to call twice. */
  async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.serial(async () => {
      if (this.closed) return;
      this.closed = true;
      try {
        await this.flushCurrent();
      } finally {
        if (this.duck !== undefined) {
          this.duck.connection.closeSync();
          this.duck.instance.closeSync();
          this.duck = undefined;
        }
      }
    });
  }

  /** The staged segment files, for tests and status. */
  async stagedSegments(): Promise<string[]> {
    return (await readdir(this.stagingDir)).filter((n) => SEGMENT.test(n)).sort();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async startSegment(): Promise<OpenSegment> {
    const startedMs = this.now();
    const path = join(this.stagingDir, `segment-${String(startedMs).padStart(13, '0')}-${randomUUID()}.jsonl`);
    const handle = await open(path, 'a');
    await syncPath(this.stagingDir);
    return { path, startedMs, handle, bytes: 0 };
  }

  /** Closes the open segment and writes it, after any earlier segment still pending. */
  private async flushCurrent(): Promise<FlushResult | undefined> {
    const segment = this.current;
    if (segment !== undefined) {
      this.current = undefined;
      await segment.handle.close();
      this.pending.push(segment.path);
    }
    return (await this.writePending()).at(-1);
  }

  /** Writes the pending segments in order; one that fails stays first in line. */
  private async writePending(): Promise<FlushResult[]> {
    const results: FlushResult[] = [];
    while (this.pending.length > 0) {
      results.push(await this.writeSegment(this.pending[0]!));
      this.pending.shift();
    }
    return results;
  }

  private async writeSegment(path: string): Promise<FlushResult> {
    const match = SEGMENT.exec(path.slice(this.stagingDir.length + 1));
    if (match === null) throw new ArchiveFlushError(path, { cause: new Error('not a segment file name') });
    try {
      if ((await stat(path)).size === 0) {
        await removeSegment(path);
        return { segment: path, files: [], rows: 0 };
      }
      this.duck ??= await openDuckDb();
      const written = await writeSegmentParquet(this.duck.connection, path, this.lakeDir, archiveFileName(Number(match[1]), match[2]!));
      await removeSegment(path);
      return { segment: path, ...written };
    } catch (error) {
      throw new ArchiveFlushError(path, { cause: error });
    }
  }
}

async function openDuckDb(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  return { instance, connection: await instance.connect() };
}
