import type { EventKind } from './readEventFacts';

/** What an entity's state keeps of one event: its time, its kind and the values the windowed features read. */
export interface FeatureEntry {
  /** Event time, epoch ms. */
  readonly t: number;
  readonly kind: EventKind;
  /** In the group's `entryValues` order; null where the event has none or no feature reads it. */
  readonly values: readonly (string | null)[];
}

/** A point fact: a value and the key of the event it came from (`<event time, 15 digits>#<event_id>`); the higher key wins. */
export interface Fact {
  readonly key: string;
  readonly value: string;
}

/** An entity's window state: its entries and point facts, under a version for optimistic locking. */
export interface EntityState {
  /** Incremented by every write; 0 when the entity has no state yet. */
  readonly version: number;
  /**
   * Entries by key: one per event (fingerprint → encodeEntry's text) for a group that keeps them;
   * for a tiled group its tiles, newest event time and shard marks (see mergeTiledState).
   */
  readonly entries: ReadonlyMap<string, string>;
  /** The point facts, by feature name. */
  readonly facts: Readonly<Record<string, Fact>>;
}

/** One entity's new state, to write. */
export interface StateWrite {
  /** `<group>#<id>`. */
  readonly entityKey: string;
  /** The state to write; its version is the one it gets. */
  readonly state: EntityState;
  /** The version the state must still have for a conditional write (0: absent). */
  readonly expectedVersion: number;
  /** When DynamoDB's TTL may delete it, epoch ms. */
  readonly expiresAtMs: number;
}

/**
 * The per-entity window state (see README, "Features"): one state item per entity, read for a
 * whole batch at once. An entity only this shard writes (its record identifier is the Kinesis
 * partition key) is written in batches without a condition; any other with a version condition.
 */
export interface FeatureStateStore {
  /** The states of some entities (consistent reads); an entity without state has version 0 and nothing else. */
  readEntities(entityKeys: readonly string[]): Promise<Map<string, EntityState>>;
  /** The versions of some entities (consistent reads), 0 for none. */
  readVersions(entityKeys: readonly string[]): Promise<Map<string, number>>;
  /** Writes states without a condition, many per request: only for entities no other writer changes. Returns the entities whose write failed, with the error. */
  writeOwned(writes: readonly StateWrite[]): Promise<Map<string, Error>>;
  /** Writes one state if its version is still `expectedVersion`; false when it was not. */
  writeConditional(write: StateWrite): Promise<boolean>;
}

/** One feature value of a record, as Feature Store's PutRecord takes it. */
export interface FeatureValue {
  readonly FeatureName: string;
  readonly ValueAsString: string;
}

/** Where computed records go: SageMaker Feature Store's PutRecord. */
export interface FeatureRecordWriter {
  /** Writes one record to the group's online (and offline) store; throws once retries are spent. */
  putRecord(featureGroupName: string, record: readonly FeatureValue[]): Promise<void>;
}

/** A parsed event of a batch, with the record it came in. */
export interface BatchEvent<E> {
  readonly event: E;
  /** The enriched line (fingerprint of events without an event_id). */
  readonly line: string;
  readonly eventTimeMs: number;
  readonly sequenceNumber: string;
  /** The Kinesis partition key of its record: an entity whose records all carry its id as partition key has one shard as its only writer. @default - unknown: not the only writer */
  readonly partitionKey?: string;
}
