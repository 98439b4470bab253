import { SplitShardCommand } from '@aws-sdk/client-kinesis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEventSourceMapping, type EventSourceMapping } from '../../../local/esm';
import { createStream, FAST, labels, putRecords, seen, settings, startHarness, waitFor, type Harness, type SeenBatch } from './helpers';

let harness: Harness;
const mappings: EventSourceMapping[] = [];
let release: () => void = () => {};
beforeAll(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  release();
  while (mappings.length > 0) await mappings.pop()!.stop();
});
afterAll(async () => {
  await harness.close();
});

describe('shards', () => {
  it('picks up the children of a split shard and reads them only after the parent is done', async () => {
    // GIVEN a one-shard stream whose first batch is held
    const streamName = await createStream(harness, 1);
    const parentTruth = await putRecords(harness.client, streamName, labels('p', 5));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batches: SeenBatch[] = [];
    const mapping = await startEventSourceMapping({
      name: 'reshard',
      kinesis: harness.client,
      streamName,
      settings: settings({ batchSize: 2 }),
      handler: async (event) => {
        if (batches.length === 0) await gate;
        batches.push(seen(event));
      },
      ...FAST,
    });
    mappings.push(mapping);
    await waitFor(() => mapping.stats().shards[0]!.state === 'invoking');

    // WHEN the shard is split and records go to both children
    await harness.client.send(
      new SplitShardCommand({ StreamName: streamName, ShardToSplit: 'shardId-000000000000', NewStartingHashKey: (2n ** 127n).toString() }),
    );
    await waitFor(() => mapping.stats().shards.length === 3, 5_000, 'children discovered');
    const stats = mapping.stats();
    const children = stats.shards.slice(1).map((s) => s.shardId);
    const left = await putRecords(harness.client, streamName, labels('l', 3), 0);
    const right = await putRecords(harness.client, streamName, labels('r', 3), 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const whileParentBusy = mapping.stats().shards.map((s) => [s.shardId, s.state]);
    release();
    await waitFor(() => batches.flatMap((b) => b.data).length === 11, 5_000, 'all records');

    // THEN the children waited, and every record came once, the parent's first
    expect(children).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    expect([left[0]!.shardId, right[0]!.shardId]).toEqual(children);
    expect(whileParentBusy).toEqual([
      ['shardId-000000000000', 'invoking'],
      ['shardId-000000000001', 'waiting-for-parent'],
      ['shardId-000000000002', 'waiting-for-parent'],
    ]);
    const order = batches.flatMap((b) => b.data);
    expect(order.slice(0, 5)).toEqual(parentTruth.map((p) => p.data));
    expect(order.slice(5).sort()).toEqual([...labels('l', 3), ...labels('r', 3)].sort());
    await waitFor(() => mapping.stats().shards[0]!.state === 'ended', 5_000, 'parent ended');
  });
});
