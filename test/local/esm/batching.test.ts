import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEventSourceMapping, type EventSourceMapping, type KinesisBatchHandler } from '../../../local/esm';
import type { EventSourceSettings } from '../../../stacks/config';
import { createLocalKinesisClient } from '../../../local/kinesis/createLocalKinesisClient';
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

async function run(streamName: string, overrides: Partial<EventSourceSettings>, handler: KinesisBatchHandler) {
  const mapping = await startEventSourceMapping({
    name: 'batching',
    kinesis: harness.client,
    streamName,
    settings: settings(overrides),
    handler,
    ...FAST,
  });
  mappings.push(mapping);
  return mapping;
}

describe('batching', () => {
  it('never puts more than batchSize records in a batch', async () => {
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('r', 25));
    const batches: SeenBatch[] = [];

    await run(streamName, { batchSize: 10 }, async (event) => {
      batches.push(seen(event));
    });
    await waitFor(() => batches.flatMap((b) => b.data).length === 25);

    expect(batches.map((b) => b.data.length)).toEqual([10, 10, 5]);
    expect(batches.flatMap((b) => b.data)).toEqual(truth.map((t) => t.data));
  });

  it('gathers records put over time into one batch until the batching window elapses', async () => {
    const streamName = await createStream(harness, 1);
    const batches: { batch: SeenBatch; at: number }[] = [];
    await run(streamName, { batchSize: 100, maximumBatchingWindowInSeconds: 1 }, async (event) => {
      batches.push({ batch: seen(event), at: Date.now() });
    });

    const firstPut = Date.now();
    await putRecords(harness.client, streamName, ['w-0']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await putRecords(harness.client, streamName, ['w-1']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await putRecords(harness.client, streamName, ['w-2']);
    await waitFor(() => batches.length === 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(batches.map((b) => b.batch.data)).toEqual([['w-0', 'w-1', 'w-2']]);
    expect(batches[0]!.at - firstPut).toBeGreaterThanOrEqual(990);
  });

  it('reads a shard once a poll interval while a batch gathers, however often records arrive', async () => {
    const streamName = await createStream(harness, 1);
    const reader = createLocalKinesisClient(harness.kinesis.endpoint);
    let getRecords = 0;
    reader.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetRecordsCommand') getRecords++;
        return next(args);
      },
      { step: 'initialize', name: 'countGetRecords' },
    );
    const batches: SeenBatch[] = [];
    const mapping = await startEventSourceMapping({
      name: 'trickle',
      kinesis: reader,
      streamName,
      settings: settings({ batchSize: 1_000, maximumBatchingWindowInSeconds: 1 }),
      handler: async (event) => {
        batches.push(seen(event));
      },
      ...FAST,
      pollIntervalMs: 100,
    });
    mappings.push(mapping);

    // a record every 10 ms for a second: each read finds something new
    const sent = labels('t', 100);
    await putRecords(harness.client, streamName, sent.slice(0, 1));
    await waitFor(() => getRecords > 0 && mapping.stats().shards.some((s) => s.bufferedRecords > 0), 5_000, 'the first record buffered');
    const before = getRecords;
    for (const label of sent.slice(1)) {
      await putRecords(harness.client, streamName, [label]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await waitFor(() => batches.flatMap((b) => b.data).length === sent.length, 10_000, 'every record delivered');
    reader.destroy();

    expect(batches.flatMap((b) => b.data)).toEqual(sent);
    // a window of 1 s read every 100 ms: about 10 reads a batch, not one per record
    expect((getRecords - before) / batches.length).toBeLessThanOrEqual(14);
  });

  it('invokes as soon as batchSize records are there, without waiting out the window', async () => {
    const streamName = await createStream(harness, 1);
    const batches: { batch: SeenBatch; at: number }[] = [];
    await run(streamName, { batchSize: 5, maximumBatchingWindowInSeconds: 30 }, async (event) => {
      batches.push({ batch: seen(event), at: Date.now() });
    });

    const put = Date.now();
    await putRecords(harness.client, streamName, labels('f', 7));
    await waitFor(() => batches.length === 1, 5_000);

    expect(batches[0]!.batch.data).toEqual(labels('f', 5));
    expect(batches[0]!.at - put).toBeLessThan(2_000);
  });

  it('with no window invokes with whatever one poll returned', async () => {
    const streamName = await createStream(harness, 1);
    const batches: SeenBatch[] = [];
    await run(streamName, { batchSize: 100, maximumBatchingWindowInSeconds: 0 }, async (event) => {
      batches.push(seen(event));
    });

    await putRecords(harness.client, streamName, ['n-0', 'n-1']);
    await waitFor(() => batches.length === 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await putRecords(harness.client, streamName, ['n-2']);
    await waitFor(() => batches.length === 2, 5_000);

    expect(batches.map((b) => b.data)).toEqual([['n-0', 'n-1'], ['n-2']]);
  });
});
