import { describe, expect, it } from 'vitest';
import { collectEntityBatches, compileFeatureGroup, computeFeatureRecord, CorruptStateEntryError, decodeEntry, mergeEntityState, type EntityState } from '../../../lib/features';
import { generateEvents } from '../../../lib/generator';
import { parseEnrichedEvent } from '../../../lib/snowplow';
import { FEATURE_GROUPS } from '../../../schemas/feature-groups';

const groups = FEATURE_GROUPS.map(compileFeatureGroup);
const users = groups.find((g) => g.name === 'user_activity')!;
const generated = [...generateEvents({ events: 600, seed: 11 })];
const events = generated.map((g, i) => {
  const r = parseEnrichedEvent(g.line);
  if (!r.ok) throw new Error('generated line did not parse');
  return { event: r.event, line: g.line, eventTimeMs: g.eventTimeMs, sequenceNumber: String(100 + i), partitionKey: g.event.domain_userid ?? 'none' };
});
const EMPTY: EntityState = { version: 0, entries: new Map(), facts: {} };
const HOUR = 3_600_000;

/** The user with the most events, and those events. */
const busiest = (() => {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.event.domain_userid!, (counts.get(e.event.domain_userid!) ?? 0) + 1);
  const id = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return { id, events: events.filter((e) => e.event.domain_userid === id) };
})();
const batchOf = (list: typeof events) => collectEntityBatches(list, [users]).get(`user_activity#${busiest.id}`)!;

describe('mergeEntityState', () => {
  it('merging a batch in two halves gives the state and record of the whole, one version per change', () => {
    expect(busiest.events.length).toBeGreaterThan(3);
    const half = Math.floor(busiest.events.length / 2);
    const first = mergeEntityState(EMPTY, batchOf(busiest.events.slice(0, half)));
    const second = mergeEntityState(first.state, batchOf(busiest.events.slice(half)));
    const whole = mergeEntityState(EMPTY, batchOf(busiest.events));
    expect([first.changed, first.state.version, second.changed, second.state.version]).toEqual([true, 1, true, 2]);
    expect(second.state.entries).toEqual(whole.state.entries);
    expect(second.state.facts).toEqual(whole.state.facts);
    expect(second.computed).toEqual(whole.computed);
  });

  it('a replay changes nothing: same version, every entry already held, the same record', () => {
    const batch = batchOf(busiest.events);
    const once = mergeEntityState(EMPTY, batch);
    const again = mergeEntityState(once.state, batch);
    expect([again.changed, again.state.version, again.entriesAlreadyHeld]).toEqual([false, 1, batch.entries.size]);
    expect(again.computed).toEqual(once.computed);
  });

  it('entries older than the longest window before the newest event are dropped, and change no record', () => {
    const batch = batchOf(busiest.events);
    const newest = Math.max(...[...batch.entries.values()].map((e) => e.entry.t));
    const old = new Map([['ancient00000', `${(newest - 25 * HOUR).toString(36)}\tv\t/x\ts`], ['edge00000000', `${(newest - 24 * HOUR).toString(36)}\tv\t/y\ts`]]);
    const merged = mergeEntityState({ version: 3, entries: old, facts: {} }, batch);
    expect(merged.state.entries.has('ancient00000')).toBe(false);
    expect(merged.state.entries.has('edge00000000')).toBe(false); // (T − 24 h, T] excludes T − 24 h
    expect(merged.state.version).toBe(4);
    expect(merged.computed).toEqual(mergeEntityState(EMPTY, batch).computed);
    const kept = [...merged.state.entries.values()].map((text) => decodeEntry(text)!);
    expect(merged.computed).toEqual(computeFeatureRecord(users, busiest.id, kept, merged.state.facts));
  });

  it('a late batch keeps the stored newest event time as the record’s', () => {
    const sorted = [...busiest.events].sort((a, b) => a.eventTimeMs - b.eventTimeMs);
    const later = mergeEntityState(EMPTY, batchOf(sorted.slice(-1)));
    const late = mergeEntityState(later.state, batchOf(sorted.slice(0, 1)));
    expect(late.computed.eventTimeMs).toBe(sorted.at(-1)!.eventTimeMs);
  });

  it('an entry that is not ours is a CorruptStateEntryError naming the entity and the fingerprint', () => {
    expect(() => mergeEntityState({ version: 1, entries: new Map([['fp0000000000', 'garbage']]), facts: {} }, batchOf(busiest.events))).toThrow(
      new CorruptStateEntryError(`user_activity#${busiest.id}`, 'fp0000000000', 'garbage'),
    );
  });
});
