import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportsHandler } from '../../handlers/reports';
import { KinesisBadRowSink } from '../../handlers/shared';
import { generateEvents } from '../../lib/generator';
import { padSequenceNumber } from '../../lib/reports';
import { startEventSourceMapping, type EventSourceMapping } from '../../local/esm';
import { createLocalKinesisClient, startKinesis, type KinesisService } from '../../local/kinesis';
import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM } from '../../stacks/config';
import { DynamoReportStore } from '../../stores/reports';
import { NO_WAIT, startReportsDb, type ReportsDb } from '../stores/reports/helpers';
import { distinctOutside2Percent, expectedView, hoursOf, readView, silentLogger } from './helpers';

const generated = [...generateEvents({ events: 1500, seed: 21, lateRatio: 0.05, duplicateRatio: 0.02 })];
const RANGE = hoursOf(generated);
const BAD = ['not an enriched event', 'still\tnot\tone', '\u0000\u0001binary'];

let db: ReportsDb;
let kinesis: KinesisService;
let client: KinesisClient;
let dataDir: string;
beforeAll(async () => {
  db = await startReportsDb();
  kinesis = await startKinesis({ streams: [ENRICHED_STREAM, BAD_ROWS_STREAM] });
  client = createLocalKinesisClient(kinesis.endpoint);
  dataDir = await mkdtemp(join(tmpdir(), 'snowline-reports-esm-'));
});
afterAll(async () => {
  client?.destroy();
  await kinesis?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Puts lines in order, partitioned by visitor (so an event's duplicates share its shard); returns the last sequence number of each shard. */
async function put(lines: readonly { data: string; partitionKey: string }[]): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  for (let i = 0; i < lines.length; i += 250) {
    const chunk = lines.slice(i, i + 250);
    const out = await client.send(new PutRecordsCommand({ StreamName: ENRICHED_STREAM.streamName, Records: chunk.map((l) => ({ Data: Buffer.from(l.data), PartitionKey: l.partitionKey })) }));
    expect(out.FailedRecordCount).toBe(0);
    out.Records!.forEach((r) => last.set(r.ShardId!, r.SequenceNumber!));
  }
  return last;
}

async function readBadRows(): Promise<string[]> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: BAD_ROWS_STREAM.streamName }));
  const rows: string[] = [];
  for (const shard of Shards) {
    let { ShardIterator: iterator } = await client.send(new GetShardIteratorCommand({ StreamName: BAD_ROWS_STREAM.streamName, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    for (;;) {
      const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator! }));
      rows.push(...(out.Records ?? []).map((r) => Buffer.from(r.Data!).toString('utf8')));
      if ((out.Records ?? []).length === 0) break;
      iterator = out.NextShardIterator;
    }
  }
  return rows;
}

async function waitUntil(predicate: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startReports(tableName: string): Promise<EventSourceMapping> {
  const handler = createReportsHandler({
    store: new DynamoReportStore({ dynamodb: db.client(), tableName, retry: NO_WAIT }),
    badRows: new KinesisBadRowSink({ kinesis: client, streamName: BAD_ROWS_STREAM.streamName }),
    logger: silentLogger(), metrics: null,
  });
  return startEventSourceMapping({
    name: 'reports',
    kinesis: client,
    streamName: ENRICHED_STREAM.streamName,
    settings: { ...DEFAULT_EVENT_SOURCE, batchSize: 100, maximumBatchingWindowInSeconds: 0 },
    handler,
    dataDir,
    pollIntervalMs: 20,
    retryDelayMs: 0,
    shardDiscoveryIntervalMs: 1000,
  });
}

describe('report handler on kinesalite through the local event source mapping', () => {
  it('counts 1,500 events on two shards exactly as the truth across a crash of the runner, and sends bad rows to their stream', async () => {
    const tableName = await db.freshTable();
    const lines = generated.map((g) => ({ data: g.line, partitionKey: g.event.domain_userid! }));
    lines.splice(300, 0, { data: BAD[0]!, partitionKey: 'bad-0' });
    lines.splice(900, 0, { data: BAD[1]!, partitionKey: 'bad-1' }, { data: BAD[2]!, partitionKey: 'bad-2' });
    const last = await put(lines);
    expect(last.size).toBe(2);

    // Act: a runner that crashes (abandons its batches) after 500 records, then a cold start on the same checkpoints.
    const first = await startReports(tableName);
    await waitUntil(async () => first.stats().recordsProcessed >= 500, 'the first runner to process 500 records');
    await first.abandon();
    const second = await startReports(tableName);
    const reader = new DynamoReportStore({ dynamodb: db.client(), tableName });
    try {
      await waitUntil(async () => {
        for (const [shardId, sequenceNumber] of last) {
          if ((await reader.readShardState(shardId)).highWaterMark !== padSequenceNumber(sequenceNumber)) return false;
        }
        return true;
      }, 'every shard to be counted to its last record');
    } finally {
      await second.stop();
    }

    // Assess
    for (const granularity of ['minute', 'hour'] as const) {
      const actual = await readView(reader, granularity, RANGE.fromMs, RANGE.toMs);
      const expected = expectedView(generated, granularity);
      expect(actual.counts).toEqual(expected.counts);
      expect(distinctOutside2Percent(actual, expected)).toEqual([]);
    }
    const badRows = await readBadRows();
    const payloads = new Set(badRows.map((r) => (JSON.parse(r) as { data: { payload: string } }).data.payload));
    expect([...payloads].sort()).toEqual([...BAD].sort());
    expect(first.stats().recordsProcessed + second.stats().recordsProcessed).toBeGreaterThanOrEqual(lines.length);
  });
});
