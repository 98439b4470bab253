import { gzipSync } from 'node:zlib';
import type { KinesisStreamRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportsHandler } from '../../handlers/reports';
import type { GeneratedEvent } from '../../lib/generator';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { padSequenceNumber, windowStart } from '../../lib/reports';
import { DynamoReportStore } from '../../stores/reports';
import { crash, injectFaults, keyOf, NO_WAIT, startReportsDb, throttled, type ReportsDb } from '../stores/reports/helpers';
import {
  distinctOutside2Percent,
  expectedView,
  generatedRecords,
  hoursOf,
  kinesisEvent,
  kinesisRecord,
  MemoryBadRowSink,
  readView,
  seq,
  SHARD,
  silentLogger,
} from './helpers';

const TRAFFIC = { events: 2000, seed: 11, lateRatio: 0.05, duplicateRatio: 0.02 } as const;
const { generated, records } = generatedRecords(TRAFFIC);
const RANGE = hoursOf(generated);

let db: ReportsDb;
beforeAll(async () => {
  db = await startReportsDb();
});
afterAll(async () => {
  await db?.close();
});

async function setup(options: { retry?: object; allowedLatenessMs?: number } = {}) {
  const tableName = await db.freshTable();
  const client = db.client();
  const store = new DynamoReportStore({ dynamodb: client, tableName, retry: { ...NO_WAIT, ...options.retry } });
  const badRows = new MemoryBadRowSink();
  const handler = createReportsHandler({
    store,
    badRows,
    logger: silentLogger(), metrics: null,
    ...(options.allowedLatenessMs === undefined ? {} : { aggregation: { allowedLatenessMs: options.allowedLatenessMs } }),
  });
  return { tableName, client, store, badRows, handler };
}

/** Runs records through a handler as Lambda does: batches of `size`; after a reported failure, the next batch starts at the failed record. */
async function deliver(handler: ReturnType<typeof createReportsHandler>, recs: readonly KinesisStreamRecord[], size = 500): Promise<string[]> {
  const failures: string[] = [];
  let at = 0;
  while (at < recs.length) {
    const batch = recs.slice(at, at + size);
    const { batchItemFailures } = await handler(kinesisEvent(batch));
    if (batchItemFailures.length === 0) {
      at += batch.length;
      continue;
    }
    const failed = batchItemFailures[0]!.itemIdentifier;
    failures.push(failed);
    at = recs.findIndex((r) => r.kinesis.sequenceNumber === failed);
  }
  return failures;
}

/** Every report, minute and hour, equals the truth of `lines` (distinct counts within 2%). */
async function expectTruth(store: DynamoReportStore, lines: readonly GeneratedEvent[]): Promise<void> {
  for (const granularity of ['minute', 'hour'] as const) {
    const actual = await readView(store, granularity, RANGE.fromMs, RANGE.toMs);
    const expected = expectedView(lines, granularity);
    expect(actual.counts).toEqual(expected.counts);
    expect(distinctOutside2Percent(actual, expected)).toEqual([]);
  }
}

describe('report handler against the generator’s ground truth', () => {
  it('counts 2,000 events (5% late, 2% duplicates) in batches of 500 exactly as the truth, minute and hour', async () => {
    const { handler, store, badRows } = await setup();
    expect(await deliver(handler, records)).toEqual([]);
    await expectTruth(store, generated);
    expect(badRows.rows).toEqual([]);
    expect((await store.readShardState(SHARD)).highWaterMark).toBe(padSequenceNumber(seq(records.length - 1)));
    const newest = Math.max(...generated.map((g) => g.eventTimeMs));
    expect((await store.freshness()).newestEventTimeMs).toBe(newest);
  });

  it('a batch delivered twice (a replay) counts once', async () => {
    const { handler, store } = await setup();
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500);
      expect((await handler(kinesisEvent(batch))).batchItemFailures).toEqual([]);
      expect((await handler(kinesisEvent(batch))).batchItemFailures).toEqual([]);
    }
    // and once more, all of it, in other batch sizes
    expect(await deliver(handler, records, 333)).toEqual([]);
    await expectTruth(store, generated);
  });

  it('records put twice by a producer (new sequence numbers, same event) are counted once', async () => {
    const { handler, store } = await setup();
    const withCopies: KinesisStreamRecord[] = [];
    generated.forEach((g, i) => {
      withCopies.push(kinesisRecord(g.line, withCopies.length));
      if (i % 7 === 3) withCopies.push(kinesisRecord(g.line, withCopies.length));
    });
    expect(await deliver(handler, withCopies)).toEqual([]);
    await expectTruth(store, generated);
  });

  it('a crash after K item writes, then the batch again on a cold start, counts every event once', async () => {
    for (const k of [1, 60, 250]) {
      const tableName = await db.freshTable();
      const dying = db.client();
      injectFaults(dying, { command: 'UpdateItemCommand', phase: 'after', skip: k, times: 1, error: crash });
      injectFaults(dying, { command: 'UpdateItemCommand', phase: 'before', skip: k + 1, error: crash });
      const before = createReportsHandler({ store: new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT }), badRows: new MemoryBadRowSink(), logger: silentLogger(), metrics: null });
      expect(await deliver(before, records.slice(0, 500))).toEqual([]);
      const crashing = createReportsHandler({ store: new DynamoReportStore({ dynamodb: dying, tableName, retry: NO_WAIT }), badRows: new MemoryBadRowSink(), logger: silentLogger(), metrics: null });
      // The invocation dies: whatever it answers, Lambda sends the same batch again.
      await crashing(kinesisEvent(records.slice(500, 1000)));
      const store = new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT });
      const after = createReportsHandler({ store, badRows: new MemoryBadRowSink(), logger: silentLogger(), metrics: null });
      expect(await deliver(after, records.slice(500))).toEqual([]);
      await expectTruth(store, generated);
    }
  });

  it('throttled writes (ProvisionedThroughputExceeded on the first 40 updates) are retried, and nothing fails', async () => {
    const { handler, store, client } = await setup();
    const throttle = injectFaults(client, { command: 'UpdateItemCommand', phase: 'before', times: 40, error: throttled });
    expect(await deliver(handler, records)).toEqual([]);
    expect(throttle.injected).toBe(40);
    await expectTruth(store, generated);
  });

  it('an item that stays throttled fails the batch from its lowest record; the retry from there completes the truth', async () => {
    const { handler, store, client } = await setup({ retry: { maxAttempts: 2 } });
    // Prepare: the events item of the minute of record 300 refuses its first 4 writes (2 invocations × 2 attempts).
    const minute = new Date(windowStart(generated[300]!.eventTimeMs, 'minute')).toISOString();
    const target = `events#minute/${minute}#0`;
    const fault = injectFaults(client, { command: 'UpdateItemCommand', phase: 'before', times: 4, when: (input) => keyOf(input) === target, error: throttled });
    // Ground truth of the first record of that item: the first line of that minute whose event_id is new.
    const seen = new Set<string>();
    let lowest = -1;
    for (let i = 0; i < 500 && lowest < 0; i++) {
      const g = generated[i]!;
      const fresh = !seen.has(g.event.event_id!);
      seen.add(g.event.event_id!);
      if (fresh && new Date(windowStart(g.eventTimeMs, 'minute')).toISOString() === minute) lowest = i;
    }
    expect(await deliver(handler, records)).toEqual([seq(lowest), seq(lowest)]);
    expect(fault.injected).toBe(4);
    await expectTruth(store, generated);
  });

  it('counts events later than the allowed lateness in late_events, by hour and name, never in their window', async () => {
    const lateness = 5 * 60_000;
    const { handler, store } = await setup({ allowedLatenessMs: lateness });
    expect(await deliver(handler, records)).toEqual([]);
    // Ground truth by the rule: in shard order, an event is late if older than (newest so far - 5 min).
    const seen = new Set<string>();
    const onTime: GeneratedEvent[] = [];
    const late: Record<string, Record<string, number>> = {};
    let newest = -Infinity;
    for (const g of generated) {
      if (seen.has(g.event.event_id!)) continue;
      seen.add(g.event.event_id!);
      if (g.eventTimeMs < newest - lateness) {
        const hour = new Date(windowStart(g.eventTimeMs, 'hour')).toISOString();
        (late[hour] ??= {})[g.event.event_name!] = (late[hour]?.[g.event.event_name!] ?? 0) + 1;
      } else {
        newest = Math.max(newest, g.eventTimeMs);
        onTime.push(g);
      }
    }
    expect(Object.keys(late).length).toBeGreaterThan(0);
    await expectTruth(store, onTime);
    const rows = await store.lateEvents(RANGE.fromMs, RANGE.toMs);
    const actual: Record<string, Record<string, number>> = {};
    for (const r of rows) (actual[r.window_start] ??= {})[r.dimension!] = r.value;
    expect(actual).toEqual(late);
  });

  it('sends unreadable records and lines to bad rows, counts the rest, and retries a record whose bad rows were refused', async () => {
    const tableName = await db.freshTable();
    const store = new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT });
    const lines = generated.slice(0, 300);
    const noTime = lines[10]!.line.split('\t');
    noTime[FIELD_INDEX.collector_tstamp] = '';
    noTime[FIELD_INDEX.derived_tstamp] = '';
    const recs = [
      ...lines.slice(0, 100).map((g, i) => kinesisRecord(g.line, i)),
      kinesisRecord('not\ta\tvalid\tline', 100),
      kinesisRecord(Uint8Array.from([0x1f, 0x8b, 1, 2, 3]), 101),
      kinesisRecord(noTime.join('\t'), 102),
      kinesisRecord(gzipSync(lines.slice(100, 200).map((g) => g.line).join('\n')), 103),
      ...lines.slice(200).map((g, i) => kinesisRecord(g.line, 104 + i)),
    ];
    let refusals = 1;
    const badRows = new MemoryBadRowSink((row) => row.sequenceNumber === seq(101) && refusals-- > 0);
    const handler = createReportsHandler({ store, badRows, logger: silentLogger(), metrics: null });
    expect(await deliver(handler, recs)).toEqual([seq(101)]);
    expect(badRows.rows.map((r) => [r.sequenceNumber, (JSON.parse(r.json) as { schema: string }).schema.split('/')[1]])).toEqual([
      [seq(100), 'loader_parsing_error'],
      [seq(102), 'loader_parsing_error'],
      [seq(101), 'generic_error'],
      [seq(102), 'loader_parsing_error'],
    ]);
    expect(badRows.rows[1]!.json).toContain('is not a timestamp (an event needs derived_tstamp or collector_tstamp to have a window)');
    // Every generated line counts (the timeless one was a damaged copy of line 10), and the refused record's retry counted nothing twice.
    const actual = await readView(store, 'minute', RANGE.fromMs, RANGE.toMs);
    expect(actual.counts).toEqual(expectedView(lines, 'minute').counts);
    expect((await store.readShardState(SHARD)).highWaterMark).toBe(padSequenceNumber(seq(203)));
    // A replay of everything sends no bad row again: those records are at or below the mark.
    expect(await deliver(handler, recs)).toEqual([]);
    expect(badRows.rows.length).toBe(4);
  });
});
