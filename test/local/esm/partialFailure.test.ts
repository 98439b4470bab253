import type { KinesisStreamBatchResponse } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEventSourceMapping, type EventSourceMapping, type KinesisBatchHandler } from '../../../local/esm';
import type { EventSourceSettings } from '../../../stacks/config';
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
    name: 'partial',
    kinesis: harness.client,
    streamName,
    settings: settings(overrides),
    handler,
    ...FAST,
  });
  mappings.push(mapping);
  return mapping;
}

/** Fails the given records, by data, in the nth invocation (counting from 0). */
function failing(plan: Record<number, (batch: SeenBatch) => KinesisStreamBatchResponse>) {
  const batches: SeenBatch[] = [];
  const handler: KinesisBatchHandler = async (event) => {
    const batch = seen(event);
    batches.push(batch);
    return plan[batches.length - 1]?.(batch);
  };
  return { batches, handler };
}

function failuresFor(batch: SeenBatch, ...data: string[]): KinesisStreamBatchResponse {
  return { batchItemFailures: data.map((d) => ({ itemIdentifier: batch.sequenceNumbers[batch.data.indexOf(d)]! })) };
}

describe('ReportBatchItemFailures', () => {
  it('starts the next batch at the lowest failed sequence number, skipping and losing nothing', async () => {
    // GIVEN ten records, and a handler that reports r-7 and r-4 failed the first time
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('r', 10));
    const { batches, handler } = failing({ 0: (b) => failuresFor(b, 'r-7', 'r-4') });

    // WHEN the mapping runs
    const mapping = await run(streamName, { batchSize: 10 }, handler);
    await waitFor(() => batches.length === 2);
    await waitFor(() => mapping.stats().shards[0]!.checkpoint === truth[9]!.sequenceNumber);

    // THEN the retry starts at r-4 (records before it were checkpointed) and runs to the end
    expect(batches.map((b) => b.data)).toEqual([labels('r', 10), labels('r', 10).slice(4)]);
    expect(batches[1]!.sequenceNumbers).toEqual(truth.slice(4).map((t) => t.sequenceNumber));
    const stats = mapping.stats();
    expect([stats.recordsProcessed, stats.batches, stats.failedBatches, stats.recordsToOnFailure]).toEqual([10, 2, 1, 0]);
    expect(mapping.failures).toEqual([]);
  });

  it('retries the whole batch when an itemIdentifier is empty or not in the batch', async () => {
    const streamName = await createStream(harness, 1);
    await putRecords(harness.client, streamName, labels('e', 4));
    const { batches, handler } = failing({
      0: () => ({ batchItemFailures: [{ itemIdentifier: '49999999999999999999' }] }),
      1: () => ({ batchItemFailures: [{ itemIdentifier: '' }] }),
    });

    const mapping = await run(streamName, { batchSize: 10 }, handler);
    await waitFor(() => batches.length === 3);
    await waitFor(() => mapping.stats().recordsProcessed === 4);

    expect(batches.map((b) => b.data)).toEqual([labels('e', 4), labels('e', 4), labels('e', 4)]);
    expect(mapping.stats().failedBatches).toBe(2);
  });

  it('ignores the response when ReportBatchItemFailures is off', async () => {
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('i', 3));
    const { batches, handler } = failing({ 0: (b) => failuresFor(b, 'i-1') });

    const mapping = await run(streamName, { reportBatchItemFailures: false }, handler);
    await waitFor(() => mapping.stats().shards[0]!.checkpoint === truth[2]!.sequenceNumber);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(batches.map((b) => b.data)).toEqual([labels('i', 3)]);
    expect(mapping.stats().failedBatches).toBe(0);
  });

  it('counts partial failures against maximumRetryAttempts and discards from the lowest failed record', async () => {
    // GIVEN a handler that always reports q-2 failed, and one retry allowed
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('q', 5));
    const batches: SeenBatch[] = [];
    const mapping = await run(streamName, { maximumRetryAttempts: 1 }, async (event) => {
      const batch = seen(event);
      batches.push(batch);
      return failuresFor(batch, 'q-2');
    });

    // WHEN the retry fails too
    await waitFor(() => mapping.failures.length === 1);

    // THEN q-0..q-1 were processed once, q-2..q-4 went to the on-failure destination
    expect(batches.map((b) => b.data)).toEqual([labels('q', 5), ['q-2', 'q-3', 'q-4']]);
    const [failure] = mapping.failures;
    expect(failure!.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(failure!.requestContext.approximateInvokeCount).toBe(2);
    expect(failure!.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(failure!.KinesisBatchInfo.startSequenceNumber).toBe(truth[2]!.sequenceNumber);
    expect(failure!.KinesisBatchInfo.endSequenceNumber).toBe(truth[4]!.sequenceNumber);
    expect(failure!.KinesisBatchInfo.batchSize).toBe(3);
    await waitFor(() => mapping.stats().shards[0]!.checkpoint === truth[4]!.sequenceNumber);
    expect(mapping.stats().recordsProcessed).toBe(2);
  });
});
