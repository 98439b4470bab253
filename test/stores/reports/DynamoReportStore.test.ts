import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateBatch, HyperLogLog, INITIAL_SHARD_STATE, linePosition, padSequenceNumber, type BatchRecord } from '../../../lib/reports';
import { countWrites, DynamoReportStore, readSketch, readShardState, writeShardState } from '../../../stores/reports';
import { reportEvent, seq } from '../../lib/reports/helpers';
import { crash, injectFaults, internalError, keyOf, NO_WAIT, startReportsDb, throttled, type ReportsDb } from './helpers';

const SHARD = 'shardId-000000000000';
const T = Date.parse('2026-11-22T10:00:30Z');
const W = '2026-11-22T10:00:00.000Z';
const HOUR = { fromMs: Date.parse(W), toMs: Date.parse(W) + 3_600_000 };

let db: ReportsDb;
beforeAll(async () => {
  db = await startReportsDb();
});
afterAll(async () => {
  await db?.close();
});

/** Ten records of page views and a transaction, over two minutes. */
function records(from = 1, to = 10): BatchRecord[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const n = from + i;
    return {
      sequenceNumber: seq(n),
      events: [
        reportEvent({ event_id: `pv-${n}`, derived_tstamp: T + n * 5_000, page_urlpath: `/p/${n % 3}`, domain_userid: `u${n % 4}`, domain_sessionid: `s${n}` }),
        ...(n % 5 === 0 ? [reportEvent({ event_id: `tx-${n}`, event_name: 'transaction', derived_tstamp: T + n * 5_000, tr_total: 19.99, tr_currency: 'EUR' })] : []),
      ],
    };
  });
}

async function newStore(options: { retry?: object; client?: ReturnType<ReportsDb['client']> } = {}) {
  const tableName = await db.freshTable();
  const client = options.client ?? db.client();
  return { tableName, client, store: new DynamoReportStore({ dynamodb: client, tableName, retry: { ...NO_WAIT, ...options.retry }, now: () => 1_700_000_000_000 }) };
}

const minute = (store: DynamoReportStore, report: 'events' | 'page_views' | 'revenue' | 'orders' | 'visitors' | 'sessions') =>
  store.query({ report, granularity: 'minute', ...HOUR });

const EXPECTED_EVENTS = [
  { window_start: W, dimension: 'page_view', value: 5 },
  { window_start: W, dimension: 'transaction', value: 1 },
  { window_start: '2026-11-22T10:01:00.000Z', dimension: 'page_view', value: 5 },
  { window_start: '2026-11-22T10:01:00.000Z', dimension: 'transaction', value: 1 },
];

describe('DynamoReportStore', () => {
  it('writes one update per touched item, and a replay of the same batch changes nothing', async () => {
    const { store, client } = await newStore();
    const plan = aggregateBatch(records(), INITIAL_SHARD_STATE);
    const counter = countWrites(client);
    const first = await store.apply(SHARD, plan);
    expect(first).toMatchObject({ failedSequenceNumber: null, counterUpdates: plan.counters.length, sketchUpdates: plan.sketches.length, stateAdvanced: true });
    // one UpdateItem per item, the state's PutItem, the freshness UpdateItem
    expect(counter.writes()).toBe(plan.counters.length + plan.sketches.length + 2);
    expect(await minute(store, 'events')).toEqual(EXPECTED_EVENTS);

    // Prepare: the same batch against the same (old) state, as after a crash before the state write.
    const again = await store.apply(SHARD, aggregateBatch(records(), INITIAL_SHARD_STATE));
    expect(again).toMatchObject({ failedSequenceNumber: null, counterUpdates: 0, counterSkips: plan.counters.reduce((n, c) => n + c.contributions.length, 0), sketchUpdates: 0 });
    expect(await minute(store, 'events')).toEqual(EXPECTED_EVENTS);
    expect(await minute(store, 'revenue')).toEqual([
      { window_start: W, dimension: 'EUR', value: 19.99 },
      { window_start: '2026-11-22T10:01:00.000Z', dimension: 'EUR', value: 19.99 },
    ]);
    // u0-u3 and the transactions' visitor-1, in each minute
    expect(await minute(store, 'visitors')).toEqual([
      { window_start: W, dimension: null, value: 5 },
      { window_start: '2026-11-22T10:01:00.000Z', dimension: null, value: 5 },
    ]);
  });

  it('a batch overlapping an earlier one adds only the records above each item’s mark', async () => {
    const { store } = await newStore();
    await store.apply(SHARD, aggregateBatch(records(1, 6), INITIAL_SHARD_STATE));
    // Lambda retries from record 4 with more records: 4-6 are in the items already.
    const result = await store.apply(SHARD, aggregateBatch(records(4, 10), INITIAL_SHARD_STATE));
    expect(result.failedSequenceNumber).toBeNull();
    expect(result.counterSkips).toBeGreaterThan(0);
    expect(await minute(store, 'events')).toEqual(EXPECTED_EVENTS);
  });

  it('a write applied whose response is lost (a 500) is sent again, fails its condition, and is skipped by the mark', async () => {
    const { store, client } = await newStore();
    const lost = injectFaults(client, { command: 'UpdateItemCommand', phase: 'after', times: 5, error: internalError });
    const result = await store.apply(SHARD, aggregateBatch(records(), INITIAL_SHARD_STATE));
    lost.remove();
    expect(lost.injected).toBe(5);
    expect(result.failedSequenceNumber).toBeNull();
    expect(await minute(store, 'events')).toEqual(EXPECTED_EVENTS);
    expect(await minute(store, 'revenue')).toEqual([
      { window_start: W, dimension: 'EUR', value: 19.99 },
      { window_start: '2026-11-22T10:01:00.000Z', dimension: 'EUR', value: 19.99 },
    ]);
  });

  it('retries throttled writes (ProvisionedThroughputExceeded) with backoff until they go through', async () => {
    const { store, client } = await newStore();
    const throttle = injectFaults(client, { command: 'UpdateItemCommand', phase: 'before', times: 20, error: throttled });
    const counter = countWrites(client);
    const plan = aggregateBatch(records(), INITIAL_SHARD_STATE);
    const result = await store.apply(SHARD, plan);
    throttle.remove();
    expect(throttle.injected).toBe(20);
    expect(result.failedSequenceNumber).toBeNull();
    expect(counter.writes()).toBe(plan.counters.length + plan.sketches.length + 2);
    expect(await minute(store, 'events')).toEqual(EXPECTED_EVENTS);
  });

  it('an item that fails beyond its retries reports its lowest record; the state stops just below it; the retry completes', async () => {
    const { store, client, tableName } = await newStore({ retry: { maxAttempts: 3 } });
    // Prepare: the second minute's events item refuses every write (records 6-10 fall in it).
    const target = `events#minute/2026-11-22T10:01:00.000Z#0`;
    const fault = injectFaults(client, { command: 'UpdateItemCommand', phase: 'before', when: (input) => keyOf(input) === target, error: throttled });
    const result = await store.apply(SHARD, aggregateBatch(records(), INITIAL_SHARD_STATE));
    fault.remove();
    expect(fault.injected).toBe(3);
    expect(result.failedSequenceNumber).toBe(seq(6));
    expect(result.failures.map((f) => [`${f.pk}/${f.sk}`, f.sequenceNumber, f.error.name])).toEqual([[target, seq(6), 'ItemWriteError']]);
    const state = await readShardState(client, tableName, SHARD);
    expect(state.highWaterMark).toBe(padSequenceNumber(seq(5)));
    // Act: Lambda retries from record 6, with the state as stored.
    const retry = await store.apply(SHARD, aggregateBatch(records(6, 10), state));
    expect(retry.failedSequenceNumber).toBeNull();
    expect(await minute(store, 'events')).toEqual(EXPECTED_EVENTS);
    expect((await readShardState(client, tableName, SHARD)).highWaterMark).toBe(padSequenceNumber(seq(10)));
  });

  it('a crash after some writes, then the batch again from the old state, counts every record once', async () => {
    for (const k of [0, 1, 7, 20]) {
      const table = await db.freshTable();
      const dying = db.client();
      // The (k+1)th update is applied but its answer never comes back; nothing after it is sent.
      injectFaults(dying, { command: 'UpdateItemCommand', phase: 'after', skip: k, times: 1, error: crash });
      injectFaults(dying, { command: 'UpdateItemCommand', phase: 'before', skip: k + 1, error: crash });
      const first = new DynamoReportStore({ dynamodb: dying, tableName: table, retry: NO_WAIT });
      const crashed = await first.apply(SHARD, aggregateBatch(records(), INITIAL_SHARD_STATE));
      expect(crashed.failedSequenceNumber).toBe(seq(1));
      expect(crashed.stateAdvanced).toBe(false);
      const restarted = new DynamoReportStore({ dynamodb: db.client(), tableName: table, retry: NO_WAIT });
      const state = await restarted.readShardState(SHARD);
      const plan = aggregateBatch(records(), state);
      // Ground truth of what the crashed run wrote: the items holding this shard's mark.
      let marked = 0;
      for (const c of plan.counters) {
        const got = await restarted.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: c.pk }, sk: { S: c.sk } }, ConsistentRead: true }));
        if (got.Item?.[`h:${SHARD}`] !== undefined) marked++;
      }
      expect(marked).toBeLessThanOrEqual(k + 1);
      const result = await restarted.apply(SHARD, plan);
      expect(result.failedSequenceNumber).toBeNull();
      expect(result.counterUpdates).toBe(plan.counters.length - marked);
      expect(await minute(restarted, 'events')).toEqual(EXPECTED_EVENTS);
      expect(await minute(restarted, 'visitors')).toEqual([
        { window_start: W, dimension: null, value: 5 },
        { window_start: '2026-11-22T10:01:00.000Z', dimension: null, value: 5 },
      ]);
    }
  });

  it('splits an item of more than 100 values over several updates, each moving the mark', async () => {
    const { store, client, tableName } = await newStore();
    const events = Array.from({ length: 250 }, (_, i) => reportEvent({ event_id: `e${i}`, event_name: `name-${String(i).padStart(3, '0')}` }));
    const plan = aggregateBatch([{ sequenceNumber: seq(1), events }], INITIAL_SHARD_STATE);
    const result = await store.apply(SHARD, plan);
    expect(result.counterUpdates).toBe(plan.counters.length + 2 * 2);
    const rows = await minute(store, 'events');
    expect(rows.length).toBe(250);
    expect(rows.every((r) => r.value === 1)).toBe(true);
    const item = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'events#minute' }, sk: { S: `${W}#0` } } }));
    expect(item.Item?.[`h:${SHARD}`]?.S).toBe(linePosition(padSequenceNumber(seq(1)), 249));
  });

  it('adds sums exactly in decimal: a thousand 0.1s are 100', async () => {
    const { store } = await newStore();
    const recs = Array.from({ length: 1000 }, (_, i) => ({
      sequenceNumber: seq(i),
      events: [reportEvent({ event_id: `t${i}`, event_name: 'transaction', tr_total: 0.1, tr_currency: 'CHF' })],
    }));
    for (let i = 0; i < 1000; i += 250) await store.apply(SHARD, aggregateBatch(recs.slice(i, i + 250), await store.readShardState(SHARD)));
    expect(await minute(store, 'revenue')).toEqual([{ window_start: W, dimension: 'CHF', value: 100 }]);
    expect(await minute(store, 'orders')).toEqual([{ window_start: W, dimension: 'CHF', value: 1000 }]);
  });

  it('merges sketches of two shards written at once (optimistic locking on the version)', async () => {
    const { tableName } = await newStore();
    const a = new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT });
    const b = new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT });
    const batch = (shard: number) =>
      Array.from({ length: 50 }, (_, i) => ({ sequenceNumber: seq(i), events: [reportEvent({ event_id: `${shard}-${i}`, domain_userid: `visitor-${shard}-${i}` })] }));
    await Promise.all([
      a.apply('shardId-000000000000', aggregateBatch(batch(0), INITIAL_SHARD_STATE)),
      b.apply('shardId-000000000001', aggregateBatch(batch(1), INITIAL_SHARD_STATE)),
    ]);
    const expected = new HyperLogLog();
    for (const s of [0, 1]) for (let i = 0; i < 50; i++) expected.add(`visitor-${s}-${i}`);
    const stored = await readSketch(a.client, tableName, 'visitors#minute', `${W}#0`);
    expect(Buffer.from(stored.sketch!.registers).equals(Buffer.from(expected.registers))).toBe(true);
    expect(stored.version).toBe(2);
    expect(await minute(a, 'events')).toEqual([{ window_start: W, dimension: 'page_view', value: 100 }]);
  });

  it('reads windows in [from, to) only, and freshness', async () => {
    const { store } = await newStore();
    expect(await store.freshness()).toEqual({ newestEventTimeMs: null, updatedAtMs: null });
    await store.apply(SHARD, aggregateBatch(records(), INITIAL_SHARD_STATE));
    const second = Date.parse('2026-11-22T10:01:00.000Z');
    expect(await store.query({ report: 'events', granularity: 'minute', fromMs: second, toMs: second + 60_000 })).toEqual(EXPECTED_EVENTS.slice(2));
    expect(await store.query({ report: 'events', granularity: 'minute', fromMs: HOUR.fromMs, toMs: second })).toEqual(EXPECTED_EVENTS.slice(0, 2));
    expect(await store.query({ report: 'events', granularity: 'hour', ...HOUR })).toEqual([
      { window_start: W, dimension: 'page_view', value: 10 },
      { window_start: W, dimension: 'transaction', value: 2 },
    ]);
    expect(await store.freshness()).toEqual({ newestEventTimeMs: T + 50_000, updatedAtMs: 1_700_000_000_000 });
  });

  it('keeps 8,192 fingerprints of up to 53 bits in the state item', async () => {
    const { client, tableName } = await newStore();
    const fingerprints = Array.from({ length: 8192 }, (_, i) => (i * 2 ** 40 + i) % 2 ** 53);
    fingerprints[0] = 2 ** 53 - 1;
    const state = { highWaterMark: padSequenceNumber(seq(9)), fingerprints, newestEventTimeMs: T };
    expect(await writeShardState(client, tableName, SHARD, state, 1)).toBe(true);
    expect(await readShardState(client, tableName, SHARD)).toEqual(state);
    // Only forward: an older state does not overwrite it.
    expect(await writeShardState(client, tableName, SHARD, { ...state, highWaterMark: padSequenceNumber(seq(3)) }, 2)).toBe(false);
    expect((await readShardState(client, tableName, SHARD)).highWaterMark).toBe(padSequenceNumber(seq(9)));
  });
});
