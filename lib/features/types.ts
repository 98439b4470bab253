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

/** An entity's profile item: the point facts, with a version for optimistic locking. */
export interface StoredProfile {
  readonly version: number;
  /** By feature name. */
  readonly facts: Readonly<Record<string, Fact>>;
}

/** What the state holds for an entity from some bucket on. */
export interface StoredEntity {
  /** Encoded entries by fingerprint. */
  readonly entries: ReadonlyMap<string, string>;
  readonly profile: StoredProfile | null;
}

/**
 * The per-entity window state (see README, "Streaming features"): 15-minute buckets of entries keyed
 * by event fingerprint, and a profile item of point facts.
 */
export interface FeatureStateStore {
  /** The entity's entries in the buckets starting at `fromBucketMs` or later, and its profile (a consistent read). */
  readEntity(entityKey: string, fromBucketMs: number): Promise<StoredEntity>;
  /** The entity's profile alone (a consistent read), or null. */
  readProfile(entityKey: string): Promise<StoredProfile | null>;
  /** Sets entries of one bucket (idempotent: setting an entry again changes nothing). */
  writeBucket(entityKey: string, bucketStartMs: number, entries: readonly (readonly [string, string])[], expiresAtMs: number): Promise<void>;
  /** Replaces the profile if its version is still `expectedVersion` (null: absent); false when it was not. */
  writeProfile(entityKey: string, profile: StoredProfile, expectedVersion: number | null, expiresAtMs: number): Promise<boolean>;
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
}
