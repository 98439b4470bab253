import type { CompiledFeatureGroup } from './compileFeatureGroup';
import { encodeEntry } from './encodeEntry';
import { fingerprint } from './fingerprint';
import { entityOf, kindOf, valueOf, type FeatureEvent } from './readEventFacts';
import type { BatchEvent, Fact, FeatureEntry } from './types';
import { padSequenceNumber } from '../reports/sequencePosition';

/** What one batch brings to one entity. */
export interface EntityBatch {
  readonly group: CompiledFeatureGroup;
  /** The record identifier's value. */
  readonly id: string;
  /** `<group>#<id>`, the state's partition key. */
  readonly key: string;
  /** Encoded entries by fingerprint: the batch's events of the entity, duplicates once (the last copy's record). */
  readonly entries: Map<string, BatchEntry>;
  /** The batch's best point fact per point feature. */
  readonly facts: Map<string, Fact>;
  /** The newest event time of the entity in the batch, epoch ms. */
  newestMs: number;
  /** The lowest sequence number of the records that brought the entity's events (what to retry from). */
  lowestSequenceNumber: string;
  lowestPadded: string;
  /**
   * Whether every record that brought the entity's events had the entity's id as Kinesis
   * partition key: then this shard is its only writer (a stream partitioned by it sends all of its
   * events to one shard, and a shard has one batch in flight).
   */
  owned: boolean;
}

/** One event of an entity's batch. */
export interface BatchEntry {
  readonly entry: FeatureEntry;
  readonly encoded: string;
  /** The sequence number of the record that brought it. */
  readonly sequenceNumber: string;
  /**
   * For a tiled group's entity, the keys of the event's entities in the groups that keep one entry
   * per event (its user): their stored states tell whether the event was counted before. Else empty.
   */
  readonly holders: readonly string[];
}

/** The key ordering point facts: event time (15 digits), then event_id; the higher is the later event. */
export function factKey(eventTimeMs: number, eventId: string | null, fp: string): string {
  return `${String(eventTimeMs).padStart(15, '0')}#${eventId ?? fp}`;
}

/**
 * Sorts a batch's events by entity for every group: each event becomes an entry of each entity
 * it belongs to (a user; a product it refers to), keyed by its fingerprint so copies merge, and
 * offers its point facts. Reads `derived_contexts` where a point feature needs it (an invalid one
 * throws InvalidFieldError: the handler turns such lines into bad rows before).
 */
export function collectEntityBatches<E extends FeatureEvent & { event_id: string | null }>(
  events: readonly BatchEvent<E>[],
  groups: readonly CompiledFeatureGroup[],
): Map<string, EntityBatch> {
  const batches = new Map<string, EntityBatch>();
  for (const { event, line, eventTimeMs, sequenceNumber, partitionKey } of events) {
    const kind = kindOf(event);
    const fp = fingerprint(event.event_id, line);
    const padded = padSequenceNumber(sequenceNumber);
    const ids = groups.map((group) => entityOf(event, group.recordIdentifier, kind));
    const holders = groups.flatMap((group, g) => (group.tiled || ids[g] === null ? [] : [`${group.name}#${ids[g]}`]));
    groups.forEach((group, g) => {
      const id = ids[g] ?? null;
      if (id === null) return;
      const key = `${group.name}#${id}`;
      let batch = batches.get(key);
      if (batch === undefined) {
        batch = { group, id, key, entries: new Map(), facts: new Map(), newestMs: eventTimeMs, lowestSequenceNumber: sequenceNumber, lowestPadded: padded, owned: true };
        batches.set(key, batch);
      }
      if (partitionKey !== id) batch.owned = false;
      if (padded < batch.lowestPadded) {
        batch.lowestPadded = padded;
        batch.lowestSequenceNumber = sequenceNumber;
      }
      batch.newestMs = Math.max(batch.newestMs, eventTimeMs);
      const needs = group.valuesByKind[kind];
      const entry: FeatureEntry = { t: eventTimeMs, kind, values: group.entryValues.map((v, i) => (needs[i] ? valueOf(event, v) : null)) };
      batch.entries.set(fp, { entry, encoded: encodeEntry(entry), sequenceNumber, holders: group.tiled ? holders : [] });
      if (group.point.length === 0) return;
      const fk = factKey(eventTimeMs, event.event_id, fp);
      for (const feature of group.point) {
        const held = batch.facts.get(feature.name);
        if (held !== undefined && held.key >= fk) continue;
        const value = valueOf(event, feature.value);
        if (value === null && feature.op === 'latestPresent') continue;
        batch.facts.set(feature.name, { key: fk, value: value ?? '' });
      }
    });
  }
  return batches;
}
