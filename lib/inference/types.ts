import type { OnlineRecordInput } from '../model/types';

/** One online record to read: a feature group and a record identifier. */
export interface RecordKey {
  readonly group: string;
  readonly id: string;
}

/** An online record, by feature name; null when the store has none (or it expired). */
export type CachedRecord = Readonly<Record<string, string>> | null;

/**
 * Reads online records, all in one round trip (BatchGetRecord on AWS).
 * Implemented in stores/inference over the Feature Store runtime client.
 */
export interface OnlineFeatureReader {
  /**
   * The records of the keys, by {@link recordKeyOf}: null for a key the store has no record of.
   * Rejects when the store fails, or when `signal` aborts.
   */
  read(keys: readonly RecordKey[], signal: AbortSignal): Promise<Map<string, OnlineRecordInput | null>>;
}

/** What a model endpoint answered. */
export interface EndpointAnswer {
  /** One score per row, in row order. */
  readonly scores: readonly number[];
  /** The model version that answered (a custom attribute, the configured version, or the variant). */
  readonly modelVersion: string;
}

/** Calls the model: rows of numbers in, one score per row out (InvokeEndpoint on AWS). */
export interface ModelEndpoint {
  /** Rejects when the endpoint fails, or when `signal` aborts. */
  invoke(rows: readonly (readonly number[])[], signal: AbortSignal): Promise<EndpointAnswer>;
}

/** A cache of online records in front of the Feature Store. */
export interface FeatureCache {
  /** The cached records of the keys (null: cached as absent); a key not cached is not in the map. */
  getMany(keys: readonly string[]): Promise<Map<string, CachedRecord>>;
  /** Caches records (null: absent) for the cache's TTL. */
  setMany(entries: ReadonlyMap<string, CachedRecord>): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** Counters of the inference API since start: the metrics the local health and the benchmark read. */
export interface InferenceCounters {
  requests: number;
  predictions: number;
  degradedPredictions: number;
  /** Predictions without a score (the endpoint failed). */
  unscoredPredictions: number;
  cacheHits: number;
  cacheMisses: number;
  /** Degraded predictions by reason code. */
  degradedByCode: Record<string, number>;
}
