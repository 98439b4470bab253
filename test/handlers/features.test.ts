import type { KinesisStreamRecord } from 'aws-lambda';
import { GetRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFeaturesHandler } from '../../handlers/features';
import { toTsvLine, type GeneratedEvent } from '../../lib/generator';
import { FIELD_INDEX } from '../../schemas/enriched-event';
import { DynamoFeatureStateStore, FeatureStoreRecordWriter, countFeatureRequests } from '../../stores/features';
import { expectedProductActivity, expectedUserActivity } from '../lib/features/truth';
import { crash, injectFault, NO_WAIT, readRecords, startFeatureStore, startFeaturesDb, throttling, type FeaturesDb } from '../stores/features/helpers';
import { generatedRecords, kinesisEvent, kinesisRecord, MemoryBadRowSink, silentLogger } from './helpers';

const TRAFFIC = { events: 2000, seed: 5, lateRatio: 0.05, duplicateRatio: 0.02 } as const;
const { generated, records } = generatedRecords(TRAFFIC);

let db: FeaturesDb;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  db = await startFeaturesDb();
});
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});
afterAll(async () => {
  await db?.close();
});

async function setup(options: { writerRetry?: object } = {}) {
  const featureStore = await startFeatureStore();
  closers.push(featureStore.close);
  const tableName = await db.freshTable();
  const dynamodb = db.client();
  const state = new DynamoFeatureStateStore({ dynamodb, tableName, retry: NO_WAIT });
  const writer = new FeatureStoreRecordWriter({ featureStore: featureStore.client, retry: { ...NO_WAIT, ...options.writerRetry } });
  const badRows = new MemoryBadRowSink();
  const handler = createFeaturesHandler({ state, writer, badRows, logger: silentLogger() });
  const counter = countFeatureRequests({ dynamodb, featureStore: featureStore.client });
  return { featureStore, tableName, dynamodb, state, writer, badRows, handler, counter };
}

/** A request filter matching every third request. */
const everyThird = () => {
  let n = 0;
  return () => n++ % 3 === 0;
};

type Handler = ReturnType<typeof createFeaturesHandler>;

/** Runs records through a handler as Lambda does: batches of `size`; after a reported failure, the next batch starts at the failed record. */
async function deliver(handler: Handler, recs: readonly KinesisStreamRecord[], size = 500, maxFailures = 0): Promise<string[]> {
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
    if (failures.length > maxFailures) return failures;
    at = recs.findIndex((r) => r.kinesis.sequenceNumber === failed);
  }
  return failures;
}

/** Every user's and product's online record equals the brute-force truth of `lines`. */
async function expectTruth(client: Awaited<ReturnType<typeof setup>>['featureStore']['client'], lines: readonly GeneratedEvent[]): Promise<void> {
  const users = expectedUserActivity(lines);
  const products = expectedProductActivity(lines);
  expect(users.size).toBeGreaterThan(50);
  expect(products.size).toBeGreaterThan(50);
  expect(await readRecords(client, 'user_activity', [...users.keys()])).toEqual(users);
  expect(await readRecords(client, 'product_activity', [...products.keys()])).toEqual(products);
}

/** How many entities each batch of `size` touches: the PutRecords one pass must make. */
function entityBatches(lines: readonly GeneratedEvent[], size: number): number {
  let n = 0;
  for (let i = 0; i < lines.length; i += size) {
    const slice = lines.slice(i, i + size);
    n += expectedUserActivity(slice).size + expectedProductActivity(slice).size;
  }
  return n;
}

describe('feature handler against the brute-force truth', () => {
  it('computes every user and product record of 2,000 events (5% late, 2% duplicates) in batches of 500, one PutRecord per entity per batch', async () => {
    const { handler, featureStore, badRows, counter } = await setup();
    expect(await deliver(handler, records)).toEqual([]);
    await expectTruth(featureStore.client, generated);
    expect(badRows.rows).toEqual([]);
    expect(counter.putRecords()).toBe(entityBatches(generated, 500));
    const perThousand = { putRecords: (counter.putRecords() * 1000) / records.length, stateWrites: (counter.stateWrites() * 1000) / records.length, stateReads: (counter.stateReads() * 1000) / records.length };
    console.info(`features per 1,000 events, batches of 500: ${JSON.stringify(perThousand)}`);
    expect(perThousand.stateWrites).toBeLessThan(2 * perThousand.putRecords);
  });

  it('a replayed batch writes no state and computes the same records', async () => {
    const { handler, featureStore, counter } = await setup();
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500);
      expect((await handler(kinesisEvent(batch))).batchItemFailures).toEqual([]);
      counter.reset();
      expect((await handler(kinesisEvent(batch))).batchItemFailures).toEqual([]);
      expect(counter.stateWrites()).toBe(0);
      expect(counter.putRecords()).toBe(entityBatches(generated.slice(i, i + 500), 500));
    }
    expect(await deliver(handler, records, 333)).toEqual([]);
    await expectTruth(featureStore.client, generated);
  });

  it('records put twice by a producer (new sequence numbers, same event) count once', async () => {
    const { handler, featureStore } = await setup();
    const withCopies: KinesisStreamRecord[] = [];
    generated.forEach((g, i) => {
      withCopies.push(kinesisRecord(g.line, withCopies.length));
      if (i % 5 === 2) withCopies.push(kinesisRecord(g.line, withCopies.length));
    });
    expect(await deliver(handler, withCopies)).toEqual([]);
    await expectTruth(featureStore.client, generated);
  });

  it('a crash after K state writes (batched users, conditional products), then the batch again on a cold start, counts every event once', async () => {
    // users (partition key = domain_userid) go in BatchWriteItems of 25, products in conditional PutItems
    for (const [command, k] of [['BatchWriteItemCommand', 0], ['BatchWriteItemCommand', 2], ['PutItemCommand', 0], ['PutItemCommand', 4]] as const) {
      const { handler, featureStore, tableName } = await setup();
      expect(await deliver(handler, records.slice(0, 500))).toEqual([]);
      const dying = db.client();
      const dies = injectFault(dying, { command, phase: 'after', skip: k, times: 1, error: crash });
      injectFault(dying, { command, phase: 'before', skip: k + 1, error: crash });
      const crashing = createFeaturesHandler({
        state: new DynamoFeatureStateStore({ dynamodb: dying, tableName, retry: NO_WAIT }),
        writer: new FeatureStoreRecordWriter({ featureStore: featureStore.client, retry: NO_WAIT }),
        badRows: new MemoryBadRowSink(),
        logger: silentLogger(),
      });
      const { batchItemFailures } = await crashing(kinesisEvent(records.slice(500, 1000)));
      expect([command, k, dies.injected, batchItemFailures.length]).toEqual([command, k, 1, 1]);
      // a cold start takes the batch again, from its first record, then the rest
      expect(await deliver(handler, records.slice(500))).toEqual([]);
      await expectTruth(featureStore.client, generated);
    }
  });

  it("a product whose state write fails leaves its events' users unwritten, and the retry counts every event once (with duplicates)", async () => {
    const { handler, featureStore, dynamodb, state } = await setup();
    // products are the only conditional PutItems: each of the first batch's fails once, everything else goes through
    const failing = injectFault(dynamodb, { command: 'PutItemCommand', phase: 'before', times: 3, error: crash });
    const first = await handler(kinesisEvent(records.slice(0, 500)));
    expect([failing.injected, first.batchItemFailures.length]).toEqual([3, 1]);
    // the failed products' users were held back, the others written
    const users = [...expectedUserActivity(generated.slice(0, 500)).keys()];
    const written = [...(await state.readVersions(users.map((u) => `user_activity#${u}`))).values()].filter((v) => v > 0).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(users.length);
    const failed = first.batchItemFailures[0]!.itemIdentifier;
    expect(await deliver(handler, records.slice(records.findIndex((r) => r.kinesis.sequenceNumber === failed)))).toEqual([]);
    await expectTruth(featureStore.client, generated);
  });

  it('two shards writing the same entities at once (partition keys that are not the ids) converge on the truth', async () => {
    const { handler, featureStore, state, writer, counter } = await setup();
    // a second handler (its own client) on the same table, as a second Lambda instance would be
    const other = createFeaturesHandler({ state: new DynamoFeatureStateStore({ dynamodb: db.client(), tableName: state.tableName, retry: NO_WAIT }), writer, badRows: new MemoryBadRowSink(), logger: silentLogger() });
    const shards: KinesisStreamRecord[][] = [[], []];
    const lines = generated.slice(0, 1200);
    // events alternate between the shards, but the copies of one event share its partition key, so its shard (the README's limit)
    const shardOfEvent = new Map<string, number>();
    lines.forEach((g, i) => {
      const id = g.event.event_id ?? g.line;
      if (!shardOfEvent.has(id)) shardOfEvent.set(id, i % 2);
      const shard = shardOfEvent.get(id)!;
      shards[shard]!.push(kinesisRecord(g.line, i, `event-${id}`, `shardId-00000000000${shard}`));
    });
    expect(lines.length - shardOfEvent.size).toBeGreaterThan(0); // it has duplicates
    const [a, b] = await Promise.all([deliver(handler, shards[0]!, 200), deliver(other, shards[1]!, 200)]);
    expect([a, b]).toEqual([[], []]);
    await expectTruth(featureStore.client, lines);
    // no entity is owned: every write was conditional, and the versions were read back
    expect(counter.byCommand.BatchWriteItemCommand).toBeUndefined();
    expect(counter.byCommand.PutItemCommand).toBeGreaterThan(0);
  });

  it('Feature Store throttling is retried with backoff: nothing fails, nothing is lost', async () => {
    const { handler, featureStore, counter } = await setup();
    const fault = injectFault(featureStore.client, { command: 'PutRecordCommand', phase: 'before', times: 60, when: everyThird(), error: throttling });
    expect(await deliver(handler, records)).toEqual([]);
    expect(fault.injected).toBe(60);
    expect(counter.putRecords()).toBe(entityBatches(generated, 500));
    await expectTruth(featureStore.client, generated);
  });

  it('an entity whose PutRecord keeps failing is a batch item failure at its lowest record; a later retry fixes it', async () => {
    const { handler, featureStore, state, writer } = await setup({ writerRetry: { maxAttempts: 3 } });
    const target = generated[700]!.event.domain_userid!;
    const firstOfTarget = records.slice(500, 1000).find((_, i) => generated[500 + i]!.event.domain_userid === target)!;
    const isTarget = (input: Record<string, unknown>) =>
      input.FeatureGroupName === 'user_activity' && (input.Record as { FeatureName: string; ValueAsString: string }[]).some((v) => v.FeatureName === 'domain_userid' && v.ValueAsString === target);
    expect(await deliver(handler, records.slice(0, 500))).toEqual([]);
    const fault = injectFault(featureStore.client, { command: 'PutRecordCommand', phase: 'before', when: isTarget, error: throttling });
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
    let batchItemFailures;
    try {
      const logged = createFeaturesHandler({ state, writer, badRows: new MemoryBadRowSink(), logger: new Logger({ serviceName: 'snowline-features', logLevel: 'INFO' }), metrics: null });
      ({ batchItemFailures } = await logged(kinesisEvent(records.slice(500, 1000))));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(batchItemFailures).toEqual([{ itemIdentifier: firstOfTarget.kinesis.sequenceNumber }]);
    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.length).toBe(1);
    expect(logs[0]).toMatchObject({
      level: 'WARN', message: 'batch partly applied; retrying from the failed record', failedPutRecords: 1, failedStateEntities: 0,
      failedSequenceNumber: firstOfTarget.kinesis.sequenceNumber, records: 500,
      failures: [{ entity: `user_activity#${target}`, stage: 'record', sequenceNumber: firstOfTarget.kinesis.sequenceNumber, error: `feature entity user_activity#${target}: its record could not be written (Rate exceeded (injected))` }],
    });
    expect(fault.injected).toBe(3);
    fault.remove();
    const from = records.indexOf(firstOfTarget);
    expect(await deliver(handler, records.slice(from))).toEqual([]);
    await expectTruth(featureStore.client, generated);
  });

  it('an older EventTime never replaces a newer record online', async () => {
    const { handler, featureStore } = await setup();
    expect(await deliver(handler, records)).toEqual([]);
    // a second handler with empty state recomputes the first 500 events only: older EventTimes for the same entities
    const stale = createFeaturesHandler({
      state: new DynamoFeatureStateStore({ dynamodb: db.client(), tableName: await db.freshTable(), retry: NO_WAIT }),
      writer: new FeatureStoreRecordWriter({ featureStore: featureStore.client, retry: NO_WAIT }),
      badRows: new MemoryBadRowSink(),
      logger: silentLogger(),
    });
    expect(await deliver(stale, records.slice(0, 500))).toEqual([]);
    // Online: the newer record where the stale one is older; the stale one where its EventTime is the same (Feature Store's rule: same or newer replaces)
    const truth = expectedUserActivity(generated);
    const staleTruth = expectedUserActivity(generated.slice(0, 500));
    const expected = new Map([...truth].map(([id, record]) => {
      const old = staleTruth.get(id);
      return [id, old !== undefined && old.event_time === record.event_time ? old : record];
    }));
    const older = [...staleTruth].filter(([id, record]) => record.event_time! < truth.get(id)!.event_time!);
    expect(older.length).toBeGreaterThan(20);
    expect(await readRecords(featureStore.client, 'user_activity', [...truth.keys()])).toEqual(expected);
    const [user, staleRecord] = older[0]!;
    const { Record } = await featureStore.client.send(new GetRecordCommand({ FeatureGroupName: 'user_activity', RecordIdentifierValueAsString: user }));
    const online = Object.fromEntries(Record!.map((v) => [v.FeatureName, v.ValueAsString]));
    expect(online).toEqual(truth.get(user));
    expect(online).not.toEqual(staleRecord);
  });

  it('a late event updates its bucket and the next record, whose EventTime stays the latest event time', async () => {
    const { handler, featureStore } = await setup();
    expect(await deliver(handler, records)).toEqual([]);
    const T = Math.max(...generated.map((g) => g.eventTimeMs));
    const newest = generated.find((g) => g.eventTimeMs === T)!;
    const view = [...generated].reverse().find((g) => g.event.domain_userid === newest.event.domain_userid && g.event.event_name === 'page_view')!;
    const t = T - 10 * 60_000;
    const event = { ...view.event, event_id: 'f00dfeed-0000-4000-8000-000000000001', derived_tstamp: t };
    const late: GeneratedEvent = { ...view, event, line: toTsvLine(event), eventTimeMs: t, late: true };
    expect((await handler(kinesisEvent([kinesisRecord(late.line, records.length)]))).batchItemFailures).toEqual([]);
    const before = expectedUserActivity(generated).get(event.domain_userid!)!;
    const after = expectedUserActivity([...generated, late]).get(event.domain_userid!)!;
    expect(after.event_time).toBe(new Date(T).toISOString());
    expect(Number(after.page_views_1h)).toBe(Number(before.page_views_1h) + 1);
    await expectTruth(featureStore.client, [...generated, late]);
  });

  it('a line whose derived_contexts are not valid JSON is a bad row, and not counted', async () => {
    const { handler, featureStore, badRows } = await setup();
    const broken = generated.map((g, i) => {
      if (i !== 321) return g.line;
      const fields = g.line.split('\t');
      fields[FIELD_INDEX.derived_contexts] = '{"schema":"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0","data":[';
      return fields.join('\t');
    });
    const recs = broken.map((line, i) => kinesisRecord(line, i, generated[i]!.event.domain_userid ?? 'none'));
    expect(await deliver(handler, recs)).toEqual([]);
    expect(badRows.rows.map((r) => r.sequenceNumber)).toEqual([recs[321]!.kinesis.sequenceNumber]);
    const row = JSON.parse(badRows.rows[0]!.json);
    expect(row.schema).toBe('iglu:com.snowplowanalytics.snowplow.badrows/loader_parsing_error/jsonschema/2-0-0');
    expect(JSON.stringify(row.data.failure)).toContain('derived_contexts');
    const dropped = generated[321]!.event.event_id;
    await expectTruth(featureStore.client, generated.filter((g) => g.event.event_id !== dropped));
  });

  it('lines that do not parse are left to the report handler’s bad rows, unless sendUnreadable', async () => {
    const { state, writer } = await setup();
    const garbage = [kinesisRecord('not\tan\tevent', 0), records[1]!];
    const quiet = new MemoryBadRowSink();
    await createFeaturesHandler({ state, writer, badRows: quiet, logger: silentLogger() })(kinesisEvent(garbage));
    expect(quiet.rows).toEqual([]);
    const loud = new MemoryBadRowSink();
    await createFeaturesHandler({ state, writer, badRows: loud, logger: silentLogger(), sendUnreadable: true })(kinesisEvent(garbage));
    expect(loud.rows.map((r) => [r.sequenceNumber, JSON.parse(r.json).data.failure])).toEqual([[garbage[0]!.kinesis.sequenceNumber, { type: 'FieldNumberMismatch', fieldCount: 3 }]]);
  });
});
