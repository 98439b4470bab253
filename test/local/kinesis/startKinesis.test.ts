import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  ListStreamsCommand,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from 'vitest';
import { BAD_ROWS_STREAM, ENRICHED_STREAM } from '../../../stacks/config';
import {
  createLocalKinesisClient,
  createStreams,
  InvalidStreamDefinitionError,
  startKinesis,
  type KinesisService,
} from '../../../local/kinesis';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function start(options: Parameters<typeof startKinesis>[0] = {}): Promise<KinesisService> {
  const service = await startKinesis(options);
  cleanups.push(() => service.close());
  return service;
}

function client(service: KinesisService) {
  const c = createLocalKinesisClient(service.endpoint);
  cleanups.push(async () => c.destroy());
  return c;
}

async function readAll(service: KinesisService, streamName: string, shardId: string): Promise<string[]> {
  const kinesis = client(service);
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const out = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
  return (out.Records ?? []).map((r) => Buffer.from(r.Data!).toString('utf8'));
}

describe('startKinesis', () => {
  it('starts in memory and creates the configured streams with their shards and retention', async () => {
    const service = await start({ streams: [ENRICHED_STREAM, BAD_ROWS_STREAM] });
    const kinesis = client(service);

    expect(service.name).toBe('kinesis');
    expect(service.path).toBeUndefined();
    expect(service.endpoint).toBe(`http://127.0.0.1:${service.port}`);
    const streams = await kinesis.send(new ListStreamsCommand({}));
    expect(streams.StreamNames).toEqual(['snowline-bad-rows', 'snowline-enriched']);
    const enriched = await kinesis.send(new ListShardsCommand({ StreamName: 'snowline-enriched' }));
    expect(enriched.Shards?.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    const badRows = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'snowline-bad-rows' }));
    expect(badRows.StreamDescriptionSummary?.OpenShardCount).toBe(1);
    expect(badRows.StreamDescriptionSummary?.RetentionPeriodHours).toBe(168);
    expect(badRows.StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
  });

  it('keeps streams and records on disk across a restart, and createStreams is idempotent', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'snowline-kinesis-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const definition = { ...BAD_ROWS_STREAM, streamName: 'persisted' };

    const first = await startKinesis({ dataDir, streams: [definition] });
    expect(first.path).toBe(join(dataDir, 'kinesis'));
    const writer = createLocalKinesisClient(first.endpoint);
    const put = await writer.send(
      new PutRecordCommand({ StreamName: 'persisted', PartitionKey: 'k', Data: Buffer.from('kept') }),
    );
    writer.destroy();
    await first.close();
    await first.close(); // safe to call twice

    const second = await start({ dataDir, streams: [definition] });
    expect(await readAll(second, 'persisted', put.ShardId!)).toEqual(['kept']);
    await createStreams(second.endpoint, [definition]);
    const summary = await client(second).send(new DescribeStreamSummaryCommand({ StreamName: 'persisted' }));
    expect(summary.StreamDescriptionSummary?.RetentionPeriodHours).toBe(168);
  });

  it('rejects a bad stream definition by name and field, creating nothing', async () => {
    const service = await start();
    const bad = { ...ENRICHED_STREAM, streamName: 'ok-name', retentionHours: 12 };

    const attempt = createStreams(service.endpoint, [bad]);

    await expect(attempt).rejects.toBeInstanceOf(InvalidStreamDefinitionError);
    await expect(attempt).rejects.toThrow("stream definition 'ok-name': retentionHours must be an integer in 24-8760, got 12");
    const streams = await client(service).send(new ListStreamsCommand({}));
    expect(streams.StreamNames).toEqual([]);
  });

  it('releases its port on close', async () => {
    const service = await startKinesis();
    await service.close();

    const kinesis = createLocalKinesisClient(service.endpoint);
    await expect(kinesis.send(new ListStreamsCommand({}))).rejects.toThrow(/ECONNREFUSED/);
    kinesis.destroy();
  });
});
