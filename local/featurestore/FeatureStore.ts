import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { DEFAULT_COMPACT_AFTER_BYTES } from './constants';
import { InternalFailure } from './errors';
import { FeatureGroupCatalog, type ServedGroup } from './FeatureGroupCatalog';
import { offlineStoreLayout } from './offlineStoreLayout';
import { OfflineStore } from './storage/OfflineStore';
import { ParquetWriter } from './storage/ParquetWriter';
import { MemoryLog, WriteAheadLog, type RecordLog } from './storage/WriteAheadLog';
import type { LogEntry, OnlineRecord, RecordWrite, StoreSnapshot } from './types';

/** What {@link FeatureStore.open} needs. */
export interface FeatureStoreConfig {
  readonly featureGroups: readonly FeatureGroupDeclaration[];
  readonly dataDir?: string;
  readonly offlineStoreDir?: string;
  readonly accountId: string;
  readonly region: string;
  readonly maxBufferedRows: number;
  readonly now: () => number;
}

/**
 * The state every action works on: the served groups, the online store (in memory, made durable
 * by the write-ahead log before a write is acknowledged) and the offline store.
 */
export class FeatureStore {
  readonly catalog: FeatureGroupCatalog;
  readonly now: () => number;
  private readonly online = new Map<string, Map<string, OnlineRecord>>();
  private readonly log: RecordLog;
  private readonly offline: OfflineStore | undefined;
  private readonly writer: ParquetWriter;
  private readonly maxBufferedRows: number;
  private maintenance: Promise<unknown> = Promise.resolve();
  private failure: unknown;

  private constructor(config: FeatureStoreConfig, log: RecordLog, offline: OfflineStore | undefined, writer: ParquetWriter) {
    this.catalog = new FeatureGroupCatalog(config.featureGroups);
    this.now = config.now;
    this.log = log;
    this.offline = offline;
    this.writer = writer;
    this.maxBufferedRows = config.maxBufferedRows;
  }

  /**
   * Opens the store: replays the snapshot and log in `dataDir`, finishes any offline flush a
   * crash interrupted, writes what is buffered, and compacts the log.
   */
  static async open(config: FeatureStoreConfig): Promise<FeatureStore> {
    const opened = config.dataDir === undefined ? undefined : await WriteAheadLog.open(config.dataDir);
    const log: RecordLog = opened?.log ?? new MemoryLog();
    const writer = new ParquetWriter();
    let offline: OfflineStore | undefined;
    if (config.offlineStoreDir !== undefined) {
      const root = offlineStoreLayout.root(config.offlineStoreDir, config.accountId, config.region);
      offline = new OfflineStore(await OfflineStore.locate(root, config.featureGroups, config.now()), writer, log, config.now);
    }
    const store = new FeatureStore(config, log, offline, writer);
    if (opened !== undefined) {
      if (opened.recovered.snapshot !== undefined) store.restore(opened.recovered.snapshot);
      for (const entry of opened.recovered.entries) store.replay(entry);
      await store.flushOfflineStore();
      await store.compact();
    }
    return store;
  }

  /** The group a request names; throws ResourceNotFound. */
  group(nameOrArn: string): ServedGroup {
    this.assertHealthy();
    return this.catalog.get(nameOrArn);
  }

  /** The online record, unless it has expired (TTL records are hard-deleted at ExpiresAt). */
  read(group: string, recordId: string): OnlineRecord | undefined {
    const record = this.online.get(group)?.get(recordId);
    if (record === undefined) return undefined;
    return record.expiresAtMs !== null && record.expiresAtMs <= this.now() ? undefined : record;
  }

  /** The folder of a group's offline store (by name or ARN), if it has one. */
  offlineStoreLocation(nameOrArn: string): string | undefined {
    const group = this.catalog.find(nameOrArn);
    return group === undefined ? undefined : this.offline?.location(group.declaration.name);
  }

  /** Applies a write and resolves once it is durable; only then may it be acknowledged. */
  async write(write: RecordWrite): Promise<void> {
    this.assertHealthy();
    const offline = this.offline !== undefined ? write.offline : undefined;
    const { seq, durable } = this.log.append({ kind: 'write', ...write, offline });
    this.apply(seq, { ...write, offline }, durable);
    try {
      await durable;
    } catch (error) {
      this.failure ??= error;
      throw new InternalFailure('The record could not be stored. Try your request again.', { cause: error });
    }
    if ((this.offline?.bufferedRows ?? 0) >= this.maxBufferedRows) void this.flushOfflineStore().catch(() => undefined);
  }

  /** Writes every buffered offline row as Parquet; then compacts the log if it has grown. */
  flushOfflineStore(): Promise<string[]> {
    return this.exclusive(async () => {
      const files = this.offline === undefined ? [] : await this.offline.flush();
      if (this.log.sizeBytes > DEFAULT_COMPACT_AFTER_BYTES) await this.compactNow();
      return files;
    });
  }

  /** Compacts the log into a snapshot. */
  compact(): Promise<void> {
    return this.exclusive(() => this.compactNow());
  }

  /** Flushes, compacts and releases files and DuckDB. */
  async close(): Promise<void> {
    try {
      if (this.failure === undefined) {
        await this.flushOfflineStore();
        await this.compact();
      }
    } finally {
      await this.exclusive(async () => {
        await this.log.close();
        await this.writer.close();
      });
    }
  }

  private assertHealthy(): void {
    if (this.failure !== undefined) {
      throw new InternalFailure('The feature store cannot write to its storage.', { cause: this.failure });
    }
  }

  private apply(seq: number, write: RecordWrite, durable?: Promise<void>): void {
    if (write.online !== undefined) {
      let records = this.online.get(write.group);
      if (records === undefined) this.online.set(write.group, (records = new Map()));
      if (write.online === null) records.delete(write.recordId);
      else records.set(write.recordId, write.online);
    }
    if (write.offline !== undefined && this.offline !== undefined) {
      this.offline.add({ seq, group: write.group, ...write.offline }, durable);
    }
  }

  private replay(entry: LogEntry): void {
    if (entry.kind === 'write') this.apply(entry.seq, entry);
    else if (entry.kind === 'flush') this.offline?.replayFlush(entry);
    else this.offline?.replayFlushed(entry.to);
  }

  private restore(snapshot: StoreSnapshot): void {
    for (const [group, records] of Object.entries(snapshot.online)) {
      this.online.set(group, new Map(Object.entries(records)));
    }
    this.offline?.restore(snapshot);
  }

  private async compactNow(): Promise<void> {
    await this.log.compact((seq) => {
      const now = this.now();
      const online: Record<string, Record<string, OnlineRecord>> = {};
      for (const [group, records] of this.online) {
        const kept: Record<string, OnlineRecord> = {};
        for (const [id, record] of records) {
          if (record.expiresAtMs === null || record.expiresAtMs > now) kept[id] = record;
        }
        online[group] = kept;
      }
      const offline = this.offline?.capture() ?? { flushedSeq: seq, pendingOffline: [], pendingFlush: null };
      return { version: 1, seq, online, ...offline };
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.maintenance.then(task, task);
    this.maintenance = run.catch(() => undefined);
    return run;
  }
}
