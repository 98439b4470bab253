import { padSequenceNumber } from '../reports/sequencePosition';
import type { EntityBatch } from './collectEntityBatches';
import type { WindowedFeature } from './compileFeatureGroup';
import { assembleRecord, sumValue, type ComputedRecord } from './computeFeatureRecord';
import { decodeEntry } from './encodeEntry';
import { CorruptStateEntryError } from './errors';
import type { MergedEntity } from './mergeEntityState';
import { mergeFacts } from './mergeFacts';
import type { EntityState, FeatureEntry } from './types';

/** The state key of a tiled entity's newest event time (base 36 ms). */
const NEWEST_KEY = '@t';
/** The prefix of a tiled entity's per-shard marks: `@m:<shard id>` → the sequence number of the last record of that shard it absorbed. */
const MARK_PREFIX = '@m:';

/** A tiled entity's state, read. */
interface Tiles {
  /** Epoch ms; -Infinity before the first event. */
  newestMs: number;
  readonly marks: Map<string, string>;
  /** Per feature name, its tiles (index from the epoch in resolutions) → count or integer sum. */
  readonly tiles: Map<string, Map<number, number>>;
}

/** Tells whether an event was counted before: its fingerprint is in a stored state of one of its holders (its user). */
export type CountedBefore = (fingerprint: string, holders: readonly string[]) => boolean;

/** The index of the tile of `t`. */
const tileOf = (feature: WindowedFeature, t: number) => Math.floor(t / feature.resolutionMs!);
/** The first tile of a feature's window when its newest event is at `t`: older tiles count nowhere. */
const firstTile = (feature: WindowedFeature, t: number) => tileOf(feature, t) - feature.windowMs / feature.resolutionMs! + 1;

/**
 * Reads a tiled state. A line keyed by a fingerprint (no `:`, no `@`) is an event kept before the
 * group's windows were tiled: it goes into its tiles as it reads, so such a state carries on.
 */
function readTiles(batch: Pick<EntityBatch, 'group' | 'key'>, state: EntityState): Tiles {
  const read: Tiles = { newestMs: -Infinity, marks: new Map(), tiles: new Map(batch.group.windowed.map((f) => [f.name, new Map()])) };
  const untiled: FeatureEntry[] = [];
  for (const [key, value] of state.entries) {
    if (!key.includes(':') && !key.startsWith('@')) {
      const entry = decodeEntry(value);
      if (entry === undefined) throw new CorruptStateEntryError(batch.key, key, value);
      untiled.push(entry);
      read.newestMs = Math.max(read.newestMs, entry.t);
    } else if (key === NEWEST_KEY) {
      read.newestMs = parseInt(value, 36);
      if (!Number.isSafeInteger(read.newestMs)) throw new CorruptStateEntryError(batch.key, key, value);
    } else if (key.startsWith(MARK_PREFIX)) {
      if (!/^[0-9]+$/.test(value)) throw new CorruptStateEntryError(batch.key, key, value);
      read.marks.set(key.slice(MARK_PREFIX.length), value);
    } else {
      const colon = key.lastIndexOf(':');
      const tile = parseInt(key.slice(colon + 1), 36);
      const amount = Number(value);
      if (colon <= 0 || !Number.isSafeInteger(tile) || value === '' || !Number.isSafeInteger(amount)) throw new CorruptStateEntryError(batch.key, key, value);
      read.tiles.get(key.slice(0, colon))?.set(tile, amount); // a feature no longer declared: its tiles count nowhere
    }
  }
  for (const feature of batch.group.windowed) addToTiles(read.tiles.get(feature.name)!, feature, untiled, -Infinity);
  return read;
}

/** Adds entries to a feature's tiles, those in tiles before `fromTile` excepted; whether any counted. */
function addToTiles(byTile: Map<number, number>, feature: WindowedFeature, entries: readonly FeatureEntry[], fromTile: number): boolean {
  let added = false;
  for (const entry of entries) {
    const tile = tileOf(feature, entry.t);
    const amount = amountOf(feature, entry);
    if (tile < fromTile || amount === null) continue;
    byTile.set(tile, (byTile.get(tile) ?? 0) + amount);
    added = true;
  }
  return added;
}

function writeTiles(tiles: Tiles): Map<string, string> {
  const entries = new Map<string, string>([[NEWEST_KEY, tiles.newestMs.toString(36)]]);
  for (const [shard, sequenceNumber] of tiles.marks) entries.set(MARK_PREFIX + shard, sequenceNumber);
  for (const [name, byTile] of tiles.tiles) for (const [tile, amount] of byTile) entries.set(`${name}:${tile.toString(36)}`, String(amount));
  return entries;
}

/** What an event adds to a feature's tile: 1 for a count, its value for a sum; null when the feature does not read it. */
function amountOf(feature: WindowedFeature, entry: FeatureEntry): number | null {
  if (feature.events !== 'any' && feature.events !== entry.kind) return null;
  if (feature.op === 'count') return 1;
  const value = entry.values[feature.valueIndex];
  return value === null || value === undefined ? null : Number(value);
}

function computeTiles(batch: Pick<EntityBatch, 'group' | 'id'>, tiles: Tiles, facts: EntityState['facts'], fallbackMs: number): ComputedRecord {
  const t = tiles.newestMs === -Infinity ? fallbackMs : tiles.newestMs;
  const values = new Map<string, string>();
  for (const feature of batch.group.windowed) {
    const from = firstTile(feature, t);
    let total = 0;
    for (const [tile, amount] of tiles.tiles.get(feature.name)!) if (tile >= from) total += amount;
    values.set(feature.name, String(feature.op === 'sum' ? sumValue(batch.group, feature, total) : total));
  }
  return assembleRecord(batch.group, batch.id, t, values, facts);
}

/**
 * Merges one batch into a tiled entity's state (a group whose windowed features declare a
 * `resolution`: see compileFeatureGroup) and computes its record. The state holds, per feature, a
 * count or integer sum per tile of its window, the newest event time, and per shard the sequence
 * number of the last record it absorbed: its size is bounded by the windows, not the traffic.
 *
 * Each event counts once:
 * - a record at or below its shard's mark was absorbed already (a retry, a replay, a crash after
 *   the write: a shard's records come in order, one batch in flight, and an entity's whole batch
 *   is written at once);
 * - an event whose fingerprint a holder's stored state has (its user, which keeps one entry per
 *   event) was counted before, by an earlier record: a Snowplow duplicate. processFeatureBatch
 *   writes a holder only after every tiled entity of its events, so a holder never has an event
 *   its tiled entities lack.
 * A window is the `window / resolution` whole tiles ending with the newest event's; tiles before it
 * are dropped.
 *
 * @param shardId the shard the batch came from.
 * @throws CorruptStateEntryError naming the entity and the state entry that cannot be read.
 * @example
 * mergeTiledState({ version: 0, entries: new Map(), facts: {} }, batch, 'shardId-000000000000', () => false);
 */
export function mergeTiledState(stored: EntityState, batch: EntityBatch, shardId: string, countedBefore: CountedBefore): MergedEntity {
  const tiles = readTiles(batch, stored);
  const mark = tiles.marks.get(shardId);
  const markPadded = mark === undefined ? null : padSequenceNumber(mark);
  let highest = { sequenceNumber: mark, padded: markPadded };
  let entriesAlreadyHeld = 0;
  const fresh: FeatureEntry[] = [];
  for (const [fp, entry] of batch.entries) {
    const padded = padSequenceNumber(entry.sequenceNumber);
    if (highest.padded === null || padded > highest.padded) highest = { sequenceNumber: entry.sequenceNumber, padded };
    if ((markPadded !== null && padded <= markPadded) || countedBefore(fp, entry.holders)) entriesAlreadyHeld++;
    else fresh.push(entry.entry);
  }
  const storedNewest = tiles.newestMs;
  for (const entry of fresh) tiles.newestMs = Math.max(tiles.newestMs, entry.t);
  let changed = tiles.newestMs !== storedNewest;
  for (const feature of batch.group.windowed) {
    const byTile = tiles.tiles.get(feature.name)!;
    const from = firstTile(feature, tiles.newestMs);
    if (addToTiles(byTile, feature, fresh, from)) changed = true;
    for (const tile of byTile.keys()) if (tile < from) byTile.delete(tile);
  }
  const merged = mergeFacts(stored.facts, batch.facts);
  changed ||= merged.changed;
  if (changed && highest.sequenceNumber !== undefined) tiles.marks.set(shardId, highest.sequenceNumber);
  const state: EntityState = changed ? { version: stored.version + 1, entries: writeTiles(tiles), facts: merged.facts } : stored;
  return { state, changed, entriesAlreadyHeld, computed: computeTiles(batch, tiles, merged.facts, batch.newestMs) };
}

/** A tiled entity's record computed from a stored state alone (after another writer changed it). */
export function computeTiledFromState(batch: Pick<EntityBatch, 'group' | 'id' | 'key' | 'newestMs'>, state: EntityState): ComputedRecord {
  return computeTiles(batch, readTiles(batch, state), state.facts, batch.newestMs);
}
