import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureGroupDeclaration } from '../../../schemas/feature-group-declaration';
import { OfflineStoreFlushError } from '../errors';
import { offlineStoreLayout } from '../offlineStoreLayout';
import type { FlushIntent, OfflineRow } from '../types';
import { mkdirDurable } from './durableFs';
import type { ParquetWriter } from './ParquetWriter';
import type { RecordLog } from './WriteAheadLog';

interface BufferedRow {
  readonly row: OfflineRow;
  readonly durable: Promise<void>;
}

/** Where a group's offline store lives and what it holds. */
export interface OfflineGroup {
  readonly declaration: FeatureGroupDeclaration;
  /** `<root>/<name>-<creation-time>`. */
  readonly location: string;
}

/**
 * The offline store: rows accepted by PutRecord and DeleteRecord wait in a buffer (and in the
 * write-ahead log) until a flush writes them as Parquet, one file per group and hour partition.
 *
 * A flush is logged before its files are written and after; a flush that was started but not
 * finished (a crash, a failed write) is redone with the same rows, write_time and file names, so
 * its files are replaced, never duplicated.
 */
export class OfflineStore {
  private readonly groups: ReadonlyMap<string, OfflineGroup>;
  private readonly writer: ParquetWriter;
  private readonly log: RecordLog;
  private readonly now: () => number;
  private buffer: BufferedRow[] = [];
  private pending: FlushIntent | null = null;
  /** Rows up to this sequence number are in Parquet files. */
  flushedSeq = 0;

  constructor(groups: ReadonlyMap<string, OfflineGroup>, writer: ParquetWriter, log: RecordLog, now: () => number) {
    this.groups = groups;
    this.writer = writer;
    this.log = log;
    this.now = now;
  }

  /**
   * Finds each group's folder under `root` (its creation time is in the name, so it is kept
   * across restarts) or creates it with the current time, and removes half-written files.
   */
  static async locate(root: string, declarations: readonly FeatureGroupDeclaration[], nowMs: number): Promise<Map<string, OfflineGroup>> {
    await mkdir(root, { recursive: true });
    const existing = await readdir(root);
    const groups = new Map<string, OfflineGroup>();
    for (const declaration of declarations) {
      if (!declaration.offlineStore) continue;
      const pattern = offlineStoreLayout.groupFolderPattern(declaration.name);
      const found = existing.filter((name) => pattern.test(name)).sort()[0];
      const folder = found ?? offlineStoreLayout.groupFolder(declaration.name, Math.floor(nowMs / 1000));
      await mkdirDurable(join(root, folder));
      // A crash mid-write leaves a temporary file; the redone flush writes it again if needed.
      for (const name of await readdir(join(root, folder), { recursive: true })) {
        if (name.endsWith('.parquet.tmp')) await rm(join(root, folder, name), { force: true });
      }
      groups.set(declaration.name, { declaration, location: join(root, folder) });
    }
    return groups;
  }

  /** The folder of a group's offline store, by its declared name. */
  location(featureGroupName: string): string | undefined {
    return this.groups.get(featureGroupName)?.location;
  }

  /** Rows waiting for a flush. */
  get bufferedRows(): number {
    return this.buffer.length;
  }

  /** Adds a row; `durable` is the write-ahead log's promise for it. */
  add(row: OfflineRow, durable: Promise<void> = Promise.resolve()): void {
    this.buffer.push({ row, durable });
  }

  /** Replays a logged flush start. */
  replayFlush(intent: FlushIntent): void {
    if (intent.to > this.flushedSeq) this.pending = { from: intent.from, to: intent.to, writeTimeMs: intent.writeTimeMs };
  }

  /** Replays a logged flush end: its rows are in files. */
  replayFlushed(to: number): void {
    this.flushedSeq = Math.max(this.flushedSeq, to);
    this.buffer = this.buffer.filter((entry) => entry.row.seq > this.flushedSeq);
    if (this.pending !== null && this.pending.to <= this.flushedSeq) this.pending = null;
  }

  /** The state to keep in a snapshot. */
  capture(): { flushedSeq: number; pendingOffline: OfflineRow[]; pendingFlush: FlushIntent | null } {
    return { flushedSeq: this.flushedSeq, pendingOffline: this.buffer.map((entry) => entry.row), pendingFlush: this.pending };
  }

  /** Restores the state of a snapshot. */
  restore(state: { flushedSeq: number; pendingOffline: readonly OfflineRow[]; pendingFlush: FlushIntent | null }): void {
    this.flushedSeq = state.flushedSeq;
    this.buffer = state.pendingOffline.map((row) => ({ row, durable: Promise.resolve() }));
    this.pending = state.pendingFlush;
  }

  /**
   * Writes buffered rows as Parquet: first an unfinished flush, exactly as it was, then the rest.
   * Must not run twice at once. Resolves with the files written.
   */
  async flush(): Promise<string[]> {
    const written: string[] = [];
    if (this.pending !== null) written.push(...(await this.write(this.pending)));
    if (this.buffer.length === 0) return written;
    const taken = this.buffer.slice();
    await Promise.all(taken.map((entry) => entry.durable));
    const intent: FlushIntent = { from: this.flushedSeq, to: taken.at(-1)!.row.seq, writeTimeMs: this.now() };
    await this.log.append({ kind: 'flush', ...intent }).durable;
    this.pending = intent;
    written.push(...(await this.write(intent)));
    return written;
  }

  private async write(intent: FlushIntent): Promise<string[]> {
    const rows = this.buffer.filter((entry) => entry.row.seq > intent.from && entry.row.seq <= intent.to).map((entry) => entry.row);
    const files = new Map<string, { group: OfflineGroup; partition: string; rows: OfflineRow[] }>();
    for (const row of rows) {
      const group = this.groups.get(row.group);
      if (group === undefined) continue; // the group is no longer declared, or has no offline store
      const partition = offlineStoreLayout.partition(row.eventTimeMs);
      const key = `${row.group}/${partition}`;
      const file = files.get(key) ?? { group, partition, rows: [] };
      file.rows.push(row);
      files.set(key, file);
    }
    const written: string[] = [];
    for (const [key, file] of files) {
      const latest = file.rows.reduce((max, row) => Math.max(max, row.eventTimeMs), -Infinity);
      const dir = join(file.group.location, file.partition);
      const path = join(dir, offlineStoreLayout.fileName(latest, `${intent.to}/${key}`));
      try {
        await mkdirDurable(dir);
        await this.writer.write(file.group.declaration, file.rows, intent.writeTimeMs, path);
      } catch (error) {
        throw new OfflineStoreFlushError(file.group.declaration.name, path, { cause: error });
      }
      written.push(path);
    }
    await this.log.append({ kind: 'flushed', to: intent.to }).durable;
    this.replayFlushed(intent.to);
    return written;
  }
}
