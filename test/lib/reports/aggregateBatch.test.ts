import { describe, expect, it } from 'vitest';
import {
  advanceShardState,
  aggregateBatch,
  chunkContributions,
  fingerprint,
  INITIAL_SHARD_STATE,
  linePosition,
  MissingEventTimeError,
  padSequenceNumber,
  type BatchPlan,
  type CounterItemPlan,
} from '../../../lib/reports';
import { reportEvent, seq } from './helpers';

const T = Date.parse('2026-11-22T10:00:30Z');
const counter = (plan: BatchPlan, pk: string, sk: string): CounterItemPlan => {
  const item = plan.counters.find((c) => c.pk === pk && c.sk === sk);
  if (item === undefined) throw new Error(`no item ${pk}/${sk} in ${plan.counters.map((c) => `${c.pk}/${c.sk}`).join(', ')}`);
  return item;
};
const totals = (item: CounterItemPlan): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of item.contributions) for (const [d, n] of c.deltas) out[d] = (out[d] ?? 0) + n;
  return out;
};

describe('aggregateBatch', () => {
  it('adds each event to its minute and hour windows of every report it belongs to', () => {
    const plan = aggregateBatch(
      [
        { sequenceNumber: seq(1), events: [reportEvent({ event_id: 'a' }), reportEvent({ event_id: 'b', event_name: 'page_ping', geo_country: null })] },
        { sequenceNumber: seq(2), events: [reportEvent({ event_id: 'c', event_name: 'transaction', tr_total: 112.4, tr_currency: 'GBP', refr_medium: null, refr_source: null })] },
      ],
      INITIAL_SHARD_STATE,
    );
    expect(totals(counter(plan, 'events#minute', '2026-11-22T10:00:00.000Z#0'))).toEqual({ page_view: 1, page_ping: 1, transaction: 1 });
    expect(totals(counter(plan, 'events#hour', '2026-11-22T10:00:00.000Z#0'))).toEqual({ page_view: 1, page_ping: 1, transaction: 1 });
    expect(totals(counter(plan, 'revenue#minute', '2026-11-22T10:00:00.000Z#0'))).toEqual({ GBP: 112_400_000 });
    expect(counter(plan, 'revenue#minute', '2026-11-22T10:00:00.000Z#0').scale).toBe(6);
    expect(totals(counter(plan, 'orders#hour', '2026-11-22T10:00:00.000Z#0'))).toEqual({ GBP: 1 });
    const countries = plan.counters.filter((c) => c.pk === 'countries#minute').map(totals);
    expect(Object.assign({}, ...countries)).toEqual({ DE: 2, unknown: 1 });
    const referrers = plan.counters.filter((c) => c.pk === 'referrers#minute').map(totals);
    expect(Object.assign({}, ...referrers)).toEqual({ 'search/Google': 1 });
    expect(plan.sketches.map((s) => [s.pk, s.sk, Math.round(s.sketch.estimate())]).sort()).toEqual([
      ['sessions#hour', '2026-11-22T10:00:00.000Z#0', 1],
      ['sessions#minute', '2026-11-22T10:00:00.000Z#0', 1],
      ['visitors#hour', '2026-11-22T10:00:00.000Z#0', 1],
      ['visitors#minute', '2026-11-22T10:00:00.000Z#0', 1],
    ]);
    expect(counter(plan, 'events#minute', '2026-11-22T10:00:00.000Z#0').ttl).toBe(Date.parse('2026-11-22T10:00:00Z') / 1000 + 7 * 86_400);
    expect(counter(plan, 'events#hour', '2026-11-22T10:00:00.000Z#0').ttl).toBeUndefined();
    expect([plan.events, plan.counted, plan.duplicates, plan.late, plan.newestEventTimeMs]).toEqual([3, 3, 0, 0, T]);
  });

  it('keeps contributions per record in position order, with the record sequence number', () => {
    const plan = aggregateBatch(
      [
        { sequenceNumber: seq(9), events: [reportEvent({ event_id: 'x' })] },
        { sequenceNumber: seq(3), events: [reportEvent({ event_id: 'y' }), reportEvent({ event_id: 'z', event_name: 'page_ping' })] },
      ],
      INITIAL_SHARD_STATE,
    );
    const item = counter(plan, 'events#minute', '2026-11-22T10:00:00.000Z#0');
    expect(item.contributions.map((c) => [c.sequenceNumber, c.position, Object.fromEntries(c.deltas)])).toEqual([
      [seq(3), linePosition(padSequenceNumber(seq(3)), 1), { page_view: 1, page_ping: 1 }],
      [seq(9), linePosition(padSequenceNumber(seq(9)), 0), { page_view: 1 }],
    ]);
  });

  it('drops duplicates within the batch and those fingerprinted in the state; skips records at or below the mark', () => {
    const state = { highWaterMark: padSequenceNumber(seq(5)), fingerprints: [fingerprint('old')], newestEventTimeMs: T };
    const plan = aggregateBatch(
      [
        { sequenceNumber: seq(4), events: [reportEvent({ event_id: 'skipped' })] },
        { sequenceNumber: seq(5), events: [reportEvent({ event_id: 'skipped-too' })] },
        { sequenceNumber: seq(6), events: [reportEvent({ event_id: 'old' }), reportEvent({ event_id: 'new' })] },
        { sequenceNumber: seq(7), events: [reportEvent({ event_id: 'new' })] },
      ],
      state,
    );
    expect([plan.skippedRecords, plan.events, plan.duplicates, plan.counted]).toEqual([2, 3, 2, 1]);
    expect(totals(counter(plan, 'events#minute', '2026-11-22T10:00:00.000Z#0'))).toEqual({ page_view: 1 });
    expect(plan.records.map((r) => [r.sequenceNumber, r.fingerprints])).toEqual([
      [seq(6), [fingerprint('new')]],
      [seq(7), []],
    ]);
  });

  it('counts an event later than the allowed lateness in late_events, by the hour it happened and its name', () => {
    const plan = aggregateBatch(
      [
        { sequenceNumber: seq(1), events: [reportEvent({ event_id: 'now', derived_tstamp: T + 3_600_000 })] },
        { sequenceNumber: seq(2), events: [reportEvent({ event_id: 'late', event_name: 'page_ping', derived_tstamp: T - 60_000 })] },
        { sequenceNumber: seq(3), events: [reportEvent({ event_id: 'in-time', derived_tstamp: T + 1 })] },
      ],
      INITIAL_SHARD_STATE,
      { allowedLatenessMs: 3_600_000 },
    );
    expect([plan.late, plan.counted]).toEqual([1, 2]);
    expect(totals(counter(plan, 'late_events', '2026-11-22T09:00:00.000Z#0'))).toEqual({ page_ping: 1 });
    expect(totals(counter(plan, 'events#minute', '2026-11-22T10:00:00.000Z#0'))).toEqual({ page_view: 1 });
    expect(plan.counters.some((c) => c.pk === 'events#minute' && c.sk.startsWith('2026-11-22T09:59'))).toBe(false);
  });

  it('classifies lateness against the newest event time in the state, so a replay decides the same', () => {
    const state = { highWaterMark: padSequenceNumber(seq(1)), fingerprints: [], newestEventTimeMs: T + 7_200_000 };
    const plan = aggregateBatch([{ sequenceNumber: seq(2), events: [reportEvent({ event_id: 'e' })] }], state, { allowedLatenessMs: 3_600_000 });
    expect(plan.late).toBe(1);
  });

  it('splits a record of many events into several contributions when one item would take over 100 values', () => {
    const events = Array.from({ length: 250 }, (_, i) => reportEvent({ event_id: `e${i}`, event_name: `name-${i}` }));
    const plan = aggregateBatch([{ sequenceNumber: seq(1), events }], INITIAL_SHARD_STATE);
    const item = counter(plan, 'events#minute', '2026-11-22T10:00:00.000Z#0');
    expect(item.contributions.map((c) => c.deltas.size)).toEqual([100, 100, 50]);
    expect(item.contributions.map((c) => c.position)).toEqual([99, 199, 249].map((line) => linePosition(padSequenceNumber(seq(1)), line)));
    expect(chunkContributions(item.contributions).map((c) => c.deltas.size)).toEqual([100, 100, 50]);
  });

  it('throws a named error for an event without event time', () => {
    expect(() => aggregateBatch([{ sequenceNumber: seq(1), events: [reportEvent({ derived_tstamp: null, collector_tstamp: null })] }], INITIAL_SHARD_STATE)).toThrow(MissingEventTimeError);
  });
});

describe('chunkContributions', () => {
  it('merges contributions while they touch at most maxDimensions values', () => {
    const c = (position: string, ...dims: string[]) => ({ position, sequenceNumber: position, deltas: new Map(dims.map((d) => [d, 1])) });
    const chunks = chunkContributions([c('1', 'a', 'b'), c('2', 'b', 'c'), c('3', 'd'), c('4', 'a')], 3);
    expect(chunks.map((k) => [k.lowestPosition, k.highestPosition, Object.fromEntries(k.deltas), k.contributions])).toEqual([
      ['1', '2', { a: 1, b: 2, c: 1 }, 2],
      ['3', '4', { d: 1, a: 1 }, 2],
    ]);
  });
});

describe('advanceShardState', () => {
  const records = [1, 2, 3].map((n) => ({ sequenceNumber: seq(n), paddedSequenceNumber: padSequenceNumber(seq(n)), fingerprints: [n * 10, n * 10 + 1], newestEventTimeMs: T + n }));

  it('moves to the last record below the failed one, never storing the fingerprints of records to be retried', () => {
    expect(advanceShardState(INITIAL_SHARD_STATE, records, padSequenceNumber(seq(3)), 100)).toEqual({
      highWaterMark: padSequenceNumber(seq(2)),
      fingerprints: [10, 11, 20, 21],
      newestEventTimeMs: T + 2,
    });
    expect(advanceShardState(INITIAL_SHARD_STATE, records, padSequenceNumber(seq(1)), 100)).toBeNull();
  });

  it('keeps the most recent `capacity` fingerprints', () => {
    const base = { highWaterMark: padSequenceNumber(seq(0)), fingerprints: [1, 2, 3], newestEventTimeMs: T };
    expect(advanceShardState(base, records, null, 4)).toEqual({ highWaterMark: padSequenceNumber(seq(3)), fingerprints: [20, 21, 30, 31], newestEventTimeMs: T + 3 });
  });
});
