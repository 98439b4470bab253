import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-kinesis';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEventSourceMapping, type EventSourceMapping } from '../../../local/esm';
import { createStream, FAST, labels, putRecords, seen, settings, startHarness, waitFor, type Harness, type SeenBatch } from './helpers';

let harness: Harness;
const mappings: EventSourceMapping[] = [];
beforeAll(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  while (mappings.length > 0) await mappings.pop()!.stop();
});
afterAll(async () => {
  await harness.close();
});

describe('the KinesisStreamEvent', () => {
  it('carries every field exactly as Lambda builds it', async () => {
    // GIVEN a stream with one record
    const streamName = await createStream(harness, 1);
    const [put] = await putRecords(harness.client, streamName, ['héllo, kinesis']);
    const events: KinesisStreamEvent[] = [];
    const contexts: Context[] = [];

    // WHEN a mapping delivers it
    const mapping = await startEventSourceMapping({
      name: 'event-shape',
      kinesis: harness.client,
      streamName,
      settings: settings(),
      handler: async (event, context) => {
        events.push(event);
        contexts.push(context);
      },
      region: 'eu-west-1',
      account: '123456789012',
      functionName: 'reports',
      ...FAST,
    });
    mappings.push(mapping);
    await waitFor(() => events.length === 1);

    // THEN the record has Lambda's shape, ARNs and encodings
    const record = events[0]!.Records[0]!;
    const arrival = record.kinesis.approximateArrivalTimestamp;
    expect(events[0]!.Records).toHaveLength(1);
    expect(record).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'pk-héllo, kinesis',
        sequenceNumber: put!.sequenceNumber,
        data: Buffer.from('héllo, kinesis').toString('base64'),
        approximateArrivalTimestamp: arrival,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${put!.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::123456789012:role/reports-role',
      awsRegion: 'eu-west-1',
      eventSourceARN: `arn:aws:kinesis:eu-west-1:123456789012:stream/${streamName}`,
    });
    expect(Buffer.from(record.kinesis.data, 'base64').toString('utf8')).toBe('héllo, kinesis');
    // Epoch seconds with millisecond precision: the arrival time Kinesis recorded.
    const { ShardIterator } = await harness.client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: put!.shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const stored = await harness.client.send(new GetRecordsCommand({ ShardIterator }));
    expect(arrival).toBe(stored.Records![0]!.ApproximateArrivalTimestamp!.getTime() / 1000);
    expect(contexts[0]!.functionName).toBe('reports');
    expect(contexts[0]!.invokedFunctionArn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:reports');
    expect(contexts[0]!.functionVersion).toBe('$LATEST');
    expect(contexts[0]!.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('delivers each shard in order, one batch in flight per shard, shards in parallel', async () => {
    // GIVEN 12 records in each of two shards
    const streamName = await createStream(harness, 2);
    const truth = [
      await putRecords(harness.client, streamName, labels('a', 12), 0),
      await putRecords(harness.client, streamName, labels('b', 12), 1),
    ];
    const batches: SeenBatch[] = [];
    const inFlight = new Map<string, number>();
    let maxPerShard = 0;
    let maxOverall = 0;
    let overall = 0;

    // WHEN a slow handler consumes them in batches of 3
    const mapping = await startEventSourceMapping({
      name: 'ordering',
      kinesis: harness.client,
      streamName,
      settings: settings({ batchSize: 3 }),
      handler: async (event) => {
        const batch = seen(event);
        const now = (inFlight.get(batch.shardId) ?? 0) + 1;
        inFlight.set(batch.shardId, now);
        overall++;
        maxPerShard = Math.max(maxPerShard, now);
        maxOverall = Math.max(maxOverall, overall);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight.set(batch.shardId, now - 1);
        overall--;
        batches.push(batch);
      },
      ...FAST,
    });
    mappings.push(mapping);
    await waitFor(() => batches.length === 8, 10_000, '8 batches');

    // THEN each shard's records arrive in put order, never two batches of a shard at once
    for (const shard of truth) {
      const shardId = shard[0]!.shardId;
      const delivered = batches.filter((b) => b.shardId === shardId);
      expect(delivered.map((b) => b.data.length)).toEqual([3, 3, 3, 3]);
      expect(delivered.flatMap((b) => b.sequenceNumbers)).toEqual(shard.map((p) => p.sequenceNumber));
      expect(delivered.flatMap((b) => b.data)).toEqual(shard.map((p) => p.data));
    }
    expect(maxPerShard).toBe(1);
    expect(maxOverall).toBe(2);
    const stats = mapping.stats();
    expect(stats.recordsProcessed).toBe(24);
    expect(stats.batches).toBe(8);
    expect(stats.shards.map((s) => [s.shardId, s.recordsProcessed, s.checkpoint])).toEqual([
      ['shardId-000000000000', 12, truth[0]![11]!.sequenceNumber],
      ['shardId-000000000001', 12, truth[1]![11]!.sequenceNumber],
    ]);
  });
});
