import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { createReportsHandler } from '../../handlers/reports';
import { aggregateBatch, INITIAL_SHARD_STATE, naiveWriteCount } from '../../lib/reports';
import { countWrites, DynamoReportStore } from '../../stores/reports';
import { NO_WAIT, startReportsDb, type ReportsDb } from '../stores/reports/helpers';
import { generatedRecords, kinesisEvent, MemoryBadRowSink, seq, SHARD, silentLogger } from './helpers';

const { generated, records } = generatedRecords({ events: 2000, seed: 5, lateRatio: 0.05, duplicateRatio: 0.02 });

let db: ReportsDb;
beforeAll(async () => {
  db = await startReportsDb();
});
afterAll(async () => {
  await db?.close();
});

describe('report handler writes', () => {
  it('makes one write per touched item (plus the state and freshness) for a 500-record batch, far below one per event and report', async () => {
    const tableName = await db.freshTable();
    const client = db.client();
    const counter = countWrites(client);
    const handler = createReportsHandler({ store: new DynamoReportStore({ dynamodb: client, tableName, retry: NO_WAIT }), badRows: new MemoryBadRowSink(), logger: silentLogger(), metrics: null });
    const events = generated.slice(0, 500).map((g) => g.event);
    const plan = aggregateBatch([{ sequenceNumber: seq(0), events }], INITIAL_SHARD_STATE);

    expect((await handler(kinesisEvent(records.slice(0, 500)))).batchItemFailures).toEqual([]);

    const writes = counter.writes();
    expect(counter.byCommand).toEqual({ GetItemCommand: 1 + plan.sketches.length, UpdateItemCommand: plan.counters.length + plan.sketches.length + 1, PutItemCommand: 1 });
    expect(writes).toBe(plan.counters.length + plan.sketches.length + 2);
    const naive = naiveWriteCount(events);
    expect(writes * 10).toBeLessThan(naive);
    console.info(JSON.stringify({ batch: 500, writes, writesPer1000Events: (writes / 500) * 1000, naive, naivePer1000Events: (naive / 500) * 1000, ratio: naive / writes }));
  });

  it('logs one structured line per batch with the shard and the sequence range', async () => {
    const tableName = await db.freshTable();
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const handler = createReportsHandler({
        store: new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT }),
        badRows: new MemoryBadRowSink(),
        logger: new Logger({ serviceName: 'snowline-reports', logLevel: 'INFO' }),
        metrics: null, // the EMF line is checked in reportsObservability.test.ts
      });
      await handler(kinesisEvent(records.slice(0, 20)));
    } finally {
      spy.mockRestore();
    }
    const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.length).toBe(1);
    expect(logs[0]).toMatchObject({
      level: 'INFO',
      message: 'batch applied',
      service: 'snowline-reports',
      shardId: SHARD,
      firstSequenceNumber: seq(0),
      lastSequenceNumber: seq(19),
      records: 20,
      events: 20,
      counted: 20,
    });
  });
});
