import { BUCKET_MS, BUCKET_TTL_SLACK_MS, PROFILE_TTL_MS } from './constants';
import type { EntityBatch } from './collectEntityBatches';
import { computeFeatureRecord, type ComputedRecord } from './computeFeatureRecord';
import { decodeEntry } from './encodeEntry';
import { CorruptStateEntryError } from './errors';
import type { Fact, FeatureEntry, FeatureStateStore, StoredProfile } from './types';

/** The state a record was computed from: to tell whether another writer changed it since. */
export interface EntityView {
  readonly fromBucketMs: number;
  /** Encoded entries by fingerprint. */
  readonly entries: ReadonlyMap<string, string>;
  readonly profileVersion: number | null;
}

/** What applying one entity's batch wrote. */
export interface EntityApplied {
  readonly computed: ComputedRecord;
  readonly view: EntityView;
  /** Bucket updates sent. */
  readonly bucketWrites: number;
  /** Entries the batch brought that the state already held (a replay, a duplicate across batches). */
  readonly entriesAlreadyHeld: number;
  /** Profile writes sent (conflicts retried included). */
  readonly profileWrites: number;
}

/** How many times a profile write that lost a race is tried again. */
const PROFILE_ATTEMPTS = 5;

const bucketOf = (t: number) => Math.floor(t / BUCKET_MS) * BUCKET_MS;

/** The facts of a stored profile merged with a batch's: per feature, the higher key wins. */
function mergeFacts(stored: Readonly<Record<string, Fact>>, batch: ReadonlyMap<string, Fact>): { facts: Record<string, Fact>; changed: boolean } {
  const facts: Record<string, Fact> = { ...stored };
  let changed = false;
  for (const [name, fact] of batch) {
    const held = facts[name];
    if (held === undefined || held.key < fact.key) {
      facts[name] = fact;
      changed = true;
    }
  }
  return { facts, changed };
}

/**
 * Applies one entity's batch to its state and computes its record: one consistent read of the
 * buckets that can hold events of its windows (from the batch's newest event − the longest
 * window) and of its profile; one write per bucket for the entries the state lacks (setting an
 * entry is idempotent, so a replay writes nothing); one conditional profile write when the batch
 * brings a later fact. Entries older than every window of the newest event are not kept.
 *
 * @throws whatever the store throws once its retries are spent, or CorruptStateEntryError.
 */
export async function applyEntityBatch(store: FeatureStateStore, batch: EntityBatch): Promise<EntityApplied> {
  const { group } = batch;
  const fromMs = batch.newestMs - group.maxWindowMs;
  const stored = await store.readEntity(batch.key, bucketOf(fromMs));

  const missing = new Map<number, [string, string][]>();
  let entriesAlreadyHeld = 0;
  for (const [fp, { entry, encoded }] of batch.entries) {
    if (entry.t <= fromMs) continue;
    if (stored.entries.get(fp) === encoded) {
      entriesAlreadyHeld++;
      continue;
    }
    const bucket = bucketOf(entry.t);
    let list = missing.get(bucket);
    if (list === undefined) missing.set(bucket, (list = []));
    list.push([fp, encoded]);
  }
  for (const [bucket, list] of missing) {
    await store.writeBucket(batch.key, bucket, list, bucket + BUCKET_MS + group.maxWindowMs + BUCKET_TTL_SLACK_MS);
  }

  let profile: StoredProfile | null = stored.profile;
  let profileWrites = 0;
  if (batch.facts.size > 0) {
    for (let attempt = 1; ; attempt++) {
      const merged = mergeFacts(profile?.facts ?? {}, batch.facts);
      if (!merged.changed) break;
      const next = { version: (profile?.version ?? 0) + 1, facts: merged.facts };
      profileWrites++;
      if (await store.writeProfile(batch.key, next, profile?.version ?? null, batch.newestMs + PROFILE_TTL_MS)) {
        profile = next;
        break;
      }
      if (attempt >= PROFILE_ATTEMPTS) throw new Error(`profile of ${batch.key} kept changing under ${PROFILE_ATTEMPTS} writes`);
      profile = await store.readProfile(batch.key);
    }
  }

  const entries = new Map(stored.entries);
  for (const [fp, { entry, encoded }] of batch.entries) if (entry.t > fromMs) entries.set(fp, encoded);
  const view: EntityView = { fromBucketMs: bucketOf(fromMs), entries, profileVersion: profile?.version ?? null };
  const computed = computeFromState(batch, entries, profile);
  return { computed, view, bucketWrites: missing.size, entriesAlreadyHeld, profileWrites };
}

/** The record of an entity from stored entries (encoded, by fingerprint) and its profile. */
export function computeFromState(batch: Pick<EntityBatch, 'group' | 'id' | 'key'>, entries: ReadonlyMap<string, string>, profile: StoredProfile | null): ComputedRecord {
  const decoded: FeatureEntry[] = [];
  for (const [fp, text] of entries) {
    const entry = decodeEntry(text);
    if (entry === undefined) throw new CorruptStateEntryError(batch.key, `e:${fp}`, text);
    decoded.push(entry);
  }
  return computeFeatureRecord(batch.group, batch.id, decoded, profile?.facts ?? {});
}
