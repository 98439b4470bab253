import type { FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import type { LocalService, LocalServiceOptions } from '../service';

/** Options of {@link startFeatureStoreService}. */
export interface FeatureStoreServiceOptions extends LocalServiceOptions {
  /** The feature groups to serve, as declared in `schemas/feature-groups.ts`. */
  readonly featureGroups: readonly FeatureGroupDeclaration[];
  /**
   * The local stand-in for the groups' `OfflineStoreConfig.S3StorageConfig.S3Uri`: Parquet files
   * go under `<offlineStoreDir>/<account>/sagemaker/<region>/offline-store/...`.
   * @default - no offline store: accepted records are kept online only
   */
  readonly offlineStoreDir?: string;
  /** The account id in offline store paths. @default '000000000000' */
  readonly accountId?: string;
  /** The region in offline store paths. @default 'us-east-1' */
  readonly region?: string;
  /** How often buffered offline rows are written as Parquet, in ms. @default 5000 */
  readonly flushIntervalMs?: number;
  /** Buffered offline rows that trigger an early flush. @default 5000 */
  readonly maxBufferedRows?: number;
  /** The clock, in epoch ms; tests inject one to move past a TTL. @default Date.now */
  readonly now?: () => number;
}

/** The running local Feature Store runtime. */
export interface FeatureStoreService extends LocalService {
  /** Writes every buffered offline row as Parquet now; resolves with the files written. */
  flushOfflineStore(): Promise<string[]>;
  /**
   * The directory of a feature group's offline store,
   * `<offlineStoreDir>/<account>/sagemaker/<region>/offline-store/<name>-<creation-time>`,
   * or `undefined` when there is no offline store.
   */
  offlineStoreLocation(featureGroupName: string): string | undefined;
}

/** A feature value on the wire. */
export interface FeatureValue {
  readonly FeatureName: string;
  readonly ValueAsString?: string;
  readonly ValueAsStringList?: readonly string[];
}

/** A record in the online store. */
export interface OnlineRecord {
  /** The event time as sent (ISO-8601 string or fractional seconds). */
  readonly eventTime: string;
  /** The event time in epoch ms, for comparisons. */
  readonly eventTimeMs: number;
  /** The features as sent, or `null` once soft-deleted. */
  readonly features: readonly { readonly FeatureName: string; readonly ValueAsString: string }[] | null;
  /** When the record expires (EventTime + TtlDuration), in epoch ms; `null` never. */
  readonly expiresAtMs: number | null;
}

/** A row waiting to be appended to a group's offline store. */
export interface OfflineRow {
  /** The log sequence number of the write that produced it. */
  readonly seq: number;
  readonly group: string;
  /** Feature name to value as sent; missing features are null in Parquet. */
  readonly values: Readonly<Record<string, string>>;
  readonly eventTimeMs: number;
  readonly apiInvocationTimeMs: number;
  readonly isDeleted: boolean;
}

/** A change to one record, as logged: the online state after it and the offline row it adds. */
export interface RecordWrite {
  readonly group: string;
  readonly recordId: string;
  /** The new online record; `null` removes it; absent leaves it unchanged. */
  readonly online?: OnlineRecord | null;
  /** The offline row to append, if any. */
  readonly offline?: Omit<OfflineRow, 'seq' | 'group'>;
}

/** An entry of the write-ahead log. */
export type LogEntry =
  | ({ readonly seq: number; readonly kind: 'write' } & RecordWrite)
  | ({ readonly seq: number; readonly kind: 'flush' } & FlushIntent)
  | { readonly seq: number; readonly kind: 'flushed'; readonly to: number };

/** The compacted state of the store, written atomically. */
export interface StoreSnapshot {
  readonly version: 1;
  /** Log files from this generation on are replayed on top of the snapshot. */
  readonly generation: number;
  /** The last sequence number the snapshot includes. */
  readonly seq: number;
  /** Offline rows up to this sequence number are in Parquet files. */
  readonly flushedSeq: number;
  readonly online: Readonly<Record<string, Readonly<Record<string, OnlineRecord>>>>;
  readonly pendingOffline: readonly OfflineRow[];
  /** A flush that was logged as started but not as finished: it is redone exactly. */
  readonly pendingFlush: FlushIntent | null;
}

/** The rows a flush writes (sequence numbers in `(from, to]`) and the write_time it gives them. */
export interface FlushIntent {
  readonly from: number;
  readonly to: number;
  readonly writeTimeMs: number;
}
