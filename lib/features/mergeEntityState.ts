import type { EntityBatch } from './collectEntityBatches';
import { computeFeatureRecord, type ComputedRecord } from './computeFeatureRecord';
import { decodeEntry } from './encodeEntry';
import { CorruptStateEntryError } from './errors';
import { mergeFacts } from './mergeFacts';
import type { EntityState, FeatureEntry } from './types';

/** An entity's state with one batch merged in, and the record computed from it. */
export interface MergedEntity {
  /** The state to write; its version is one more than the stored one when it changed. */
  readonly state: EntityState;
  /** Whether the batch brought an entry or a later fact the state lacked (else nothing is written: a replay). */
  readonly changed: boolean;
  /** Entries the batch brought that the state already held (a replay, a duplicate across batches). */
  readonly entriesAlreadyHeld: number;
  readonly computed: ComputedRecord;
}

/**
 * Merges one batch into an entity's stored state and computes its record: entries are set by
 * fingerprint (setting one again changes nothing, so replays, duplicates and a crash cannot
 * double-count), facts keep the later event's value, and entries older than every window of the
 * entity's newest event (T − the longest window) are dropped, since they count nowhere again.
 *
 * @throws CorruptStateEntryError naming the entity and the entry that cannot be read.
 * @example
 * const { state, changed, computed } = mergeEntityState({ version: 0, entries: new Map(), facts: {} }, batch);
 */
export function mergeEntityState(stored: EntityState, batch: EntityBatch): MergedEntity {
  const decoded = new Map<string, FeatureEntry>();
  const encoded = new Map<string, string>();
  let newestMs = batch.newestMs;
  for (const [fp, text] of stored.entries) {
    const entry = decodeEntry(text);
    if (entry === undefined) throw new CorruptStateEntryError(batch.key, fp, text);
    decoded.set(fp, entry);
    encoded.set(fp, text);
    if (entry.t > newestMs) newestMs = entry.t;
  }
  let entriesAlreadyHeld = 0;
  let changed = false;
  for (const [fp, { entry, encoded: text }] of batch.entries) {
    if (encoded.get(fp) === text) {
      entriesAlreadyHeld++;
      continue;
    }
    if (entry.t <= newestMs - batch.group.maxWindowMs && entry.t !== newestMs) continue; // counts in no window
    decoded.set(fp, entry);
    encoded.set(fp, text);
    changed = true;
  }
  const fromMs = newestMs - batch.group.maxWindowMs;
  for (const [fp, entry] of decoded) {
    if (entry.t > fromMs || entry.t === newestMs) continue;
    decoded.delete(fp);
    encoded.delete(fp);
  }
  const merged = mergeFacts(stored.facts, batch.facts);
  changed ||= merged.changed;
  const state: EntityState = { version: changed ? stored.version + 1 : stored.version, entries: encoded, facts: merged.facts };
  return { state, changed, entriesAlreadyHeld, computed: computeFeatureRecord(batch.group, batch.id, decoded.values(), merged.facts) };
}

/** The record of an entity computed from a stored state alone (after another writer changed it). */
export function computeFromState(batch: Pick<EntityBatch, 'group' | 'id' | 'key'>, state: EntityState): ComputedRecord {
  const decoded: FeatureEntry[] = [];
  for (const [fp, text] of state.entries) {
    const entry = decodeEntry(text);
    if (entry === undefined) throw new CorruptStateEntryError(batch.key, fp, text);
    decoded.push(entry);
  }
  return computeFeatureRecord(batch.group, batch.id, decoded, state.facts);
}
