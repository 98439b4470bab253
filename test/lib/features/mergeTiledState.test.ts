import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectEntityBatches, compileFeatureGroup, computeTiledFromState, CorruptStateEntryError, mergeEntityState, mergeTiledState, type BatchEntry, type EntityBatch, type EntityState, type FeatureEntry } from '../../../lib/features';
import { padSequenceNumber } from '../../../lib/reports';
import { generateEvents } from '../../../lib/generator';
import { parseEnrichedEvent } from '../../../lib/snowplow';
import { defineFeatureGroup } from '../../../schemas/feature-group-declaration';
import { FEATURE_GROUPS, PRODUCT_ACTIVITY } from '../../../schemas/feature-groups';

const groups = FEATURE_GROUPS.map(compileFeatureGroup);
const products = groups.find((g) => g.name === 'product_activity')!;
const EMPTY: EntityState = { version: 0, entries: new Map(), facts: {} };
const SHARD = 'shardId-000000000000';
const never = () => false;
const MIN = 60_000;
const HOUR = 60 * MIN;

const generated = [...generateEvents({ events: 3000, seed: 17 })];
const events = generated.map((g, i) => {
  const r = parseEnrichedEvent(g.line);
  if (!r.ok) throw new Error('generated line did not parse');
  return { event: r.event, line: g.line, eventTimeMs: g.eventTimeMs, sequenceNumber: String(1000 + i), partitionKey: g.event.domain_userid ?? 'none' };
});
const all = collectEntityBatches(events, groups);
/** The product with the most events. */
const busiest = [...all.values()].filter((b) => b.group === products).sort((a, b) => b.entries.size - a.entries.size)[0]!;
const batchOf = (list: typeof events) => collectEntityBatches(list, groups).get(busiest.key)!;
const ofBusiest = events.filter((e) => batchOf([e]) !== undefined);
const valuesOf = (record: { FeatureName: string; ValueAsString: string }[]) => Object.fromEntries(record.map((v) => [v.FeatureName, v.ValueAsString]));

/** A hand-made batch of one product: page views and transaction items (quantity) at the given times, sequence numbers from `firstSequence`. */
function syntheticBatch(times: readonly { t: number; kind: 'page_view' | 'transaction_item'; quantity?: number }[], firstSequence = 1): EntityBatch {
  const entries = new Map<string, BatchEntry>();
  times.forEach(({ t, kind, quantity }, i) => {
    const entry: FeatureEntry = { t, kind, values: [kind === 'transaction_item' ? String(quantity ?? 1) : null] };
    entries.set(`fp${String(i).padStart(10, '0')}`, { entry, encoded: '', sequenceNumber: String(firstSequence + i), holders: [] });
  });
  const newestMs = Math.max(...times.map((x) => x.t));
  return { group: products, id: 'SKU-1', key: 'product_activity#SKU-1', entries, facts: new Map(), newestMs, lowestSequenceNumber: String(firstSequence), lowestPadded: padSequenceNumber(String(firstSequence)), owned: false };
}

describe('mergeTiledState', () => {
  it('merging a batch in two halves gives the state and record of the whole; a replay of the first half changes nothing', () => {
    expect(ofBusiest.length).toBeGreaterThan(20);
    const half = Math.floor(ofBusiest.length / 2);
    const first = mergeTiledState(EMPTY, batchOf(ofBusiest.slice(0, half)), SHARD, never);
    const second = mergeTiledState(first.state, batchOf(ofBusiest.slice(half)), SHARD, never);
    const whole = mergeTiledState(EMPTY, batchOf(ofBusiest), SHARD, never);
    expect([first.state.version, second.state.version]).toEqual([1, 2]);
    expect(second.state.entries).toEqual(whole.state.entries);
    expect(second.computed).toEqual(whole.computed);
    const replay = mergeTiledState(second.state, batchOf(ofBusiest.slice(0, half)), SHARD, never);
    expect([replay.changed, replay.state.version, replay.entriesAlreadyHeld]).toEqual([false, 2, batchOf(ofBusiest.slice(0, half)).entries.size]);
    expect(replay.computed).toEqual(whole.computed);
  });

  it('a retry from a record below the mark counts only the records above it', () => {
    const half = Math.floor(ofBusiest.length / 2);
    const first = mergeTiledState(EMPTY, batchOf(ofBusiest.slice(0, half)), SHARD, never);
    const retried = mergeTiledState(first.state, batchOf(ofBusiest.slice(3)), SHARD, never);
    expect(retried.entriesAlreadyHeld).toBe(batchOf(ofBusiest.slice(3, half)).entries.size);
    expect(retried.computed).toEqual(mergeTiledState(EMPTY, batchOf(ofBusiest), SHARD, never).computed);
    // another shard has its own mark: the same records from it would count (copies must share a shard)
    expect(mergeTiledState(first.state, batchOf(ofBusiest.slice(0, half)), 'shardId-000000000001', never).changed).toBe(true);
  });

  it('an event a holder (its user) already has is a duplicate and does not count; the holders are its user', () => {
    const batch = batchOf(ofBusiest);
    const [fp, entry] = [...batch.entries][0]!;
    expect(entry.holders).toEqual([`user_activity#${events.find((e) => batchOf([e]) !== undefined && batchOf([e]).entries.has(fp))!.event.domain_userid}`]);
    const dropped = mergeTiledState(EMPTY, batch, SHARD, (f, holders) => f === fp && holders === entry.holders);
    const without = mergeTiledState(EMPTY, batchOf(ofBusiest.filter((e) => !batchOf([e]).entries.has(fp))), SHARD, never);
    expect(dropped.entriesAlreadyHeld).toBe(1);
    expect(valuesOf(dropped.computed.record)).toEqual(valuesOf(without.computed.record));
    expect(valuesOf(dropped.computed.record)).not.toEqual(valuesOf(mergeTiledState(EMPTY, batch, SHARD, never).computed.record));
  });

  it("windows are whole tiles: the hour is the 60 minutes up to T's, the day the 24 hours up to T's; older tiles leave the state", () => {
    const T = Date.parse('2026-11-22T12:00:30.000Z');
    const merged = mergeTiledState(EMPTY, syntheticBatch([
      { t: T, kind: 'page_view' },
      { t: Date.parse('2026-11-22T11:01:00.000Z'), kind: 'page_view' }, // in: 59 minutes before T's minute
      { t: Date.parse('2026-11-22T11:00:59.999Z'), kind: 'page_view' }, // out
      { t: Date.parse('2026-11-21T13:00:00.000Z'), kind: 'transaction_item', quantity: 3 }, // in: 23 hours before T's hour
      { t: Date.parse('2026-11-21T12:59:59.999Z'), kind: 'transaction_item', quantity: 5 }, // out
      { t: Date.parse('2026-11-22T12:00:59.999Z') - 2 * HOUR, kind: 'transaction_item', quantity: 2 },
    ]), SHARD, never);
    expect(valuesOf(merged.computed.record)).toEqual({ sku: 'SKU-1', event_time: '2026-11-22T12:00:30.000Z', views_1h: '2', add_to_carts_1h: '0', purchases_24h: '2', units_24h: '5' });
    expect([...merged.state.entries.keys()].sort()).toEqual(
      ['@m:' + SHARD, '@t', `views_1h:${(T / MIN - 0.5).toString(36)}`, `views_1h:${((T - 59.5 * MIN) / MIN).toString(36)}`, `purchases_24h:${((T - 30_000 - 23 * HOUR) / HOUR).toString(36)}`, `purchases_24h:${((T - 30_000 - 2 * HOUR) / HOUR).toString(36)}`, `units_24h:${((T - 30_000 - 23 * HOUR) / HOUR).toString(36)}`, `units_24h:${((T - 30_000 - 2 * HOUR) / HOUR).toString(36)}`].sort(),
    );
    expect(computeTiledFromState(syntheticBatch([{ t: 0, kind: 'page_view' }]), merged.state)).toEqual(merged.computed);
  });

  it('the state is bounded by the windows, not the traffic: 30,000 events over 26 hours keep at most 110 entries (60 minutes of views, 24 hours of purchases and of units, the time, a mark)', () => {
    const start = Date.parse('2026-11-21T10:00:00.000Z');
    let state = EMPTY;
    let sequence = 1;
    for (let batch = 0; batch < 60; batch++) {
      const times = Array.from({ length: 500 }, (_, i) => ({ t: start + Math.floor(((batch * 500 + i) * 26 * HOUR) / 30_000), kind: i % 7 === 0 ? ('transaction_item' as const) : ('page_view' as const), quantity: 1 + (i % 3) }));
      state = mergeTiledState(state, syntheticBatch(times, sequence), SHARD, never).state;
      sequence += 500;
      expect(state.entries.size).toBeLessThanOrEqual(60 + 24 + 24 + 2);
    }
    expect(state.entries.size).toBeGreaterThan(100);
  });

  it('a state kept one entry per event (before the group was tiled) carries on: its events go into their tiles', () => {
    const untiled = compileFeatureGroup(defineFeatureGroup({ ...PRODUCT_ACTIVITY, features: PRODUCT_ACTIVITY.features.map(({ resolution: _, ...f }) => f) }));
    const half = Math.floor(ofBusiest.length / 2);
    const before = mergeEntityState(EMPTY, collectEntityBatches(ofBusiest.slice(0, half), [untiled]).get(busiest.key)!);
    expect([...before.state.entries.keys()].every((k) => /^[A-Za-z0-9_-]{12}$/.test(k))).toBe(true);
    const after = mergeTiledState(before.state, batchOf(ofBusiest.slice(half)), SHARD, never);
    expect(after.computed).toEqual(mergeTiledState(EMPTY, batchOf(ofBusiest), SHARD, never).computed);
    expect([...after.state.entries.keys()].some((k) => /^[A-Za-z0-9_-]{12}$/.test(k))).toBe(false);
  });

  it('property: any cut into batches, each delivered again from any earlier record (at least once), gives the record of all at once', () => {
    const event = fc.record({ minute: fc.integer({ min: 0, max: 26 * 60 }), ms: fc.integer({ min: 0, max: 59_999 }), item: fc.boolean(), quantity: fc.integer({ min: 1, max: 9 }) });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (events, cuts, replays) => {
        const start = Date.parse('2026-11-21T10:00:00.000Z');
        const times = events.map((e) => ({ t: start + e.minute * MIN + e.ms, kind: e.item ? ('transaction_item' as const) : ('page_view' as const), quantity: e.quantity }));
        const whole = mergeTiledState(EMPTY, syntheticBatch(times), SHARD, never);
        // batches as a shard delivers them: consecutive records; after each, a replay from an earlier record of the same or an earlier batch
        const ends = [...new Set(cuts.map((c) => 1 + (c % times.length)).concat(times.length))].sort((a, b) => a - b);
        let state = EMPTY;
        let from = 0;
        ends.forEach((end, i) => {
          state = mergeTiledState(state, syntheticBatch(times.slice(from, end), from + 1), SHARD, never).state;
          const again = replays[i] === undefined ? null : replays[i]! % end;
          if (again !== null) state = mergeTiledState(state, syntheticBatch(times.slice(again, end), again + 1), SHARD, never).state;
          from = end;
        });
        expect(computeTiledFromState(syntheticBatch([{ t: 0, kind: 'page_view' }]), state)).toEqual(whole.computed);
      }),
      { numRuns: 300 },
    );
  });

  it('an entry that is not a tile, mark or time is a CorruptStateEntryError naming the entity and the entry', () => {
    const merge = (key: string, value: string) => () => mergeTiledState({ version: 1, entries: new Map([[key, value]]), facts: {} }, syntheticBatch([{ t: 0, kind: 'page_view' }]), SHARD, never);
    expect(merge('views_1h:zz', 'x')).toThrow(new CorruptStateEntryError('product_activity#SKU-1', 'views_1h:zz', 'x'));
    expect(merge('@m:shardId-000000000000', 'abc')).toThrow(new CorruptStateEntryError('product_activity#SKU-1', '@m:shardId-000000000000', 'abc'));
    expect(merge('fp0000000000', 'garbage')).toThrow(new CorruptStateEntryError('product_activity#SKU-1', 'fp0000000000', 'garbage'));
  });
});
