import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptStoreError } from '../errors';
import type { LogEntry, StoreSnapshot } from '../types';
import { syncPath } from './durableFs';
import { LogFile } from './LogFile';

/** A log entry before it is given its sequence number. */
export type NewLogEntry = DistributiveOmit<LogEntry, 'seq'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What {@link RecordLog.open} recovered from disk. */
export interface RecoveredLog {
  readonly snapshot: StoreSnapshot | undefined;
  /** Entries after the snapshot, in sequence order. */
  readonly entries: readonly LogEntry[];
}

/** Where records are made durable: the write-ahead log on disk, or nothing in memory mode. */
export interface RecordLog {
  /** Bytes in the log since the last snapshot. */
  readonly sizeBytes: number;
  /** Gives the entry the next sequence number and queues it; `durable` resolves once it is on disk. */
  append(entry: NewLogEntry): { seq: number; durable: Promise<void> };
  /** The last sequence number handed out. */
  readonly lastSeq: number;
  /**
   * Starts a new log file, writes the snapshot `capture` returns (taken at the switch, so it
   * holds every entry of the old files) and deletes the old files.
   */
  compact(capture: (seq: number) => Omit<StoreSnapshot, 'generation'>): Promise<void>;
  close(): Promise<void>;
}

const SNAPSHOT = 'snapshot.json';
const LOG_NAME = /^wal-(\d+)\.log$/;
const logName = (generation: number) => `wal-${String(generation).padStart(8, '0')}.log`;

/**
 * The write-ahead log of the online store: JSON lines with fsync, a snapshot written atomically
 * (temp file, fsync, rename), and replay on open. A torn last line (a crash in mid-write) was
 * never acknowledged, so it is dropped; any other unreadable line is corruption.
 */
export class WriteAheadLog implements RecordLog {
  private readonly dir: string;
  private current: LogFile;
  private seq: number;

  private constructor(dir: string, current: LogFile, seq: number) {
    this.dir = dir;
    this.current = current;
    this.seq = seq;
  }

  /** Reads the snapshot and the logs in `dir` and opens a fresh log file for new entries. */
  static async open(dir: string): Promise<{ log: WriteAheadLog; recovered: RecoveredLog }> {
    await mkdir(dir, { recursive: true });
    const snapshot = await readSnapshot(join(dir, SNAPSHOT));
    const generations = (await readdir(dir))
      .map((name) => LOG_NAME.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    let entries: LogEntry[] = [];
    for (const generation of generations) {
      if (snapshot !== undefined && generation < snapshot.generation) continue;
      entries = entries.concat(await readLog(join(dir, logName(generation))));
    }
    const lastSeq = entries.reduce((max, entry) => Math.max(max, entry.seq), snapshot?.seq ?? 0);
    const next = Math.max(snapshot?.generation ?? 0, ...generations) + 1;
    const current = await LogFile.create(join(dir, logName(next)), next);
    await syncPath(dir);
    return { log: new WriteAheadLog(dir, current, lastSeq), recovered: { snapshot, entries } };
  }

  get sizeBytes(): number {
    return this.current.sizeBytes;
  }

  get lastSeq(): number {
    return this.seq;
  }

  append(entry: NewLogEntry): { seq: number; durable: Promise<void> } {
    const seq = ++this.seq;
    return { seq, durable: this.current.append(JSON.stringify({ seq, ...entry })) };
  }

  async compact(capture: (seq: number) => Omit<StoreSnapshot, 'generation'>): Promise<void> {
    const generation = this.current.generation + 1;
    const next = await LogFile.create(join(this.dir, logName(generation)), generation);
    await syncPath(this.dir);
    const old = this.current;
    this.current = next;
    const snapshot: StoreSnapshot = { ...capture(this.seq), generation };
    await old.close();
    const path = join(this.dir, SNAPSHOT);
    const handle = await open(path + '.tmp', 'w');
    try {
      await handle.writeFile(JSON.stringify(snapshot));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(path + '.tmp', path);
    await syncPath(this.dir);
    for (const name of await readdir(this.dir)) {
      const match = LOG_NAME.exec(name);
      if (match !== null && Number(match[1]) < generation) await rm(join(this.dir, name));
    }
  }

  async close(): Promise<void> {
    await this.current.close();
  }
}

/** The in-memory stand-in: sequence numbers without a disk. */
export class MemoryLog implements RecordLog {
  private seq = 0;
  readonly sizeBytes = 0;

  get lastSeq(): number {
    return this.seq;
  }

  append(): { seq: number; durable: Promise<void> } {
    return { seq: ++this.seq, durable: Promise.resolve() };
  }

  async compact(): Promise<void> {}

  async close(): Promise<void> {}
}

async function readSnapshot(path: string): Promise<StoreSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const snapshot = JSON.parse(text) as StoreSnapshot;
    if (snapshot.version !== 1) throw new Error(`unknown snapshot version ${String(snapshot.version)}`);
    return snapshot;
  } catch (error) {
    throw new CorruptStoreError(path, 'the snapshot is not readable', { cause: error });
  }
}

async function readLog(path: string): Promise<LogEntry[]> {
  const lines = (await readFile(path, 'utf8')).split('\n');
  // The text after the last newline is a line whose write never completed: never acknowledged.
  lines.pop();
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as LogEntry;
    } catch (error) {
      throw new CorruptStoreError(path, `line ${index + 1} is not JSON`, { cause: error });
    }
  });
}

