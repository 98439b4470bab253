import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startEventSourceMapping,
  type EventSourceMapping,
  type OnFailureRecord,
  type StartEventSourceMappingOptions,
} from '../../../local/esm';
import { createStream, FAST, labels, putRecords, seen, settings, startHarness, waitFor, type Harness, type PutResult, type SeenBatch } from './helpers';

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

async function run(options: Omit<StartEventSourceMappingOptions, 'kinesis'>) {
  const mapping = await startEventSourceMapping({ kinesis: harness.client, ...FAST, ...options });
  mappings.push(mapping);
  return mapping;
}

/** Every put record was processed or lies inside exactly one on-failure range, never both. */
function expectNothingLost(truth: readonly PutResult[], processed: readonly string[], failures: readonly OnFailureRecord[]) {
  const inFailure = (p: PutResult) =>
    failures.filter((f) => {
      const info = f.KinesisBatchInfo;
      const seq = BigInt(p.sequenceNumber);
      return info.shardId === p.shardId && BigInt(info.startSequenceNumber) <= seq && seq <= BigInt(info.endSequenceNumber);
    }).length;
  const outcomes = truth.map((p) => [p.data, processed.filter((d) => d === p.data).length + inFailure(p)]);
  expect(outcomes).toEqual(truth.map((p) => [p.data, 1]));
}

describe('bisection', () => {
  it('isolates a poison record without consuming the retry quota', async () => {
    // GIVEN eight records, p-4 poisons any batch it is in, one retry allowed
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('p', 8));
    const batches: SeenBatch[] = [];
    const processed: string[] = [];

    // WHEN the mapping bisects on error
    const mapping = await run({
      name: 'bisect',
      streamName,
      settings: settings({ batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 }),
      handler: async (event) => {
        const batch = seen(event);
        batches.push(batch);
        if (batch.data.includes('p-4')) throw new Error('poison');
        processed.push(...batch.data);
      },
    });
    await waitFor(() => processed.length === 7);

    // THEN halves are tried down to p-4 alone, which is retried once and then discarded
    expect(batches.map((b) => b.data)).toEqual([
      labels('p', 8),
      ['p-0', 'p-1', 'p-2', 'p-3'],
      ['p-4', 'p-5', 'p-6', 'p-7'],
      ['p-4', 'p-5'],
      ['p-4'],
      ['p-4'],
      ['p-5'],
      ['p-6', 'p-7'],
    ]);
    expect(processed).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-5', 'p-6', 'p-7']);
    expect(mapping.failures).toHaveLength(1);
    const failure = mapping.failures[0]!;
    expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(failure.requestContext.approximateInvokeCount).toBe(5);
    expect(failure.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
    expect(failure.KinesisBatchInfo.startSequenceNumber).toBe(truth[4]!.sequenceNumber);
    expect(failure.KinesisBatchInfo.endSequenceNumber).toBe(truth[4]!.sequenceNumber);
    expect(failure.KinesisBatchInfo.batchSize).toBe(1);
    expectNothingLost(truth, processed, mapping.failures);
  });
});

describe('the on-failure destination', () => {
  it('receives a batch whose retries are exhausted, in a file too, and the shard moves on', async () => {
    // GIVEN x-1 poisons its batch of three, two retries allowed, a fixed clock
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('x', 6));
    const now = Date.parse('2030-01-02T03:04:05.678Z');
    const processed: string[] = [];
    const requestIds: string[] = [];
    const arrivals = new Map<string, number>();

    // WHEN the mapping runs
    const mapping = await run({
      name: 'exhausted',
      streamName,
      settings: settings({ batchSize: 3, maximumRetryAttempts: 2 }),
      dataDir: harness.dataDir,
      region: 'us-east-1',
      account: '111122223333',
      clock: () => now,
      handler: async (event, context) => {
        requestIds.push(context.awsRequestId);
        for (const r of event.Records) arrivals.set(r.kinesis.sequenceNumber, r.kinesis.approximateArrivalTimestamp);
        const batch = seen(event);
        if (batch.data.includes('x-1')) throw new TypeError('bad record');
        processed.push(...batch.data);
      },
    });
    await waitFor(() => processed.length === 3);
    await mapping.stop();

    // THEN the first batch was tried three times and sent with Lambda's record shape
    const iso = (seq: string) => new Date(Math.round(arrivals.get(seq)! * 1000)).toISOString();
    const expected: OnFailureRecord = {
      requestContext: {
        requestId: requestIds[2]!,
        functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:exhausted',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: '2030-01-02T03:04:05.678Z',
      KinesisBatchInfo: {
        shardId: 'shardId-000000000000',
        startSequenceNumber: truth[0]!.sequenceNumber,
        endSequenceNumber: truth[2]!.sequenceNumber,
        approximateArrivalOfFirstRecord: iso(truth[0]!.sequenceNumber),
        approximateArrivalOfLastRecord: iso(truth[2]!.sequenceNumber),
        batchSize: 3,
        streamArn: `arn:aws:kinesis:us-east-1:111122223333:stream/${streamName}`,
      },
    };
    expect(requestIds).toHaveLength(4);
    expect(mapping.failures).toEqual([expected]);
    expect(processed).toEqual(['x-3', 'x-4', 'x-5']);
    expectNothingLost(truth, processed, mapping.failures);

    // AND the file holds the same record, the checkpoint is past everything
    const dir = join(harness.dataDir, 'esm', 'exhausted');
    expect(mapping.onFailureFile).toBe(join(dir, 'on-failure.jsonl'));
    const lines = (await readFile(join(dir, 'on-failure.jsonl'), 'utf8')).split('\n');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([expected]);
    expect(lines.at(-1)).toBe('');
    const checkpoints = JSON.parse(await readFile(join(dir, 'checkpoints.json'), 'utf8'));
    expect(checkpoints.shards['shardId-000000000000'].sequenceNumber).toBe(truth[5]!.sequenceNumber);
  });

  it('receives records that exceed maximumRecordAgeInSeconds while being retried', async () => {
    // GIVEN a handler failing a-records forever, which ages the clock by an hour on its second try
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('a', 3));
    let offsetMs = 0;
    let attempts = 0;
    const processed: string[] = [];

    const mapping = await run({
      name: 'aged',
      streamName,
      settings: settings({ maximumRecordAgeInSeconds: 60, maximumRetryAttempts: -1 }),
      clock: () => Date.now() + offsetMs,
      onFailure: () => {
        offsetMs = 0;
      },
      handler: async (event) => {
        const batch = seen(event);
        if (batch.data.some((d) => d.startsWith('a-'))) {
          attempts++;
          if (attempts === 2) offsetMs = 3_600_000;
          throw new Error('not yet');
        }
        processed.push(...batch.data);
      },
    });
    await waitFor(() => mapping.failures.length === 1);
    const later = await putRecords(harness.client, streamName, ['b-0', 'b-1']);
    await waitFor(() => processed.length === 2);

    // THEN the aged records went to the destination after two attempts; later ones were processed
    const failure = mapping.failures[0]!;
    expect(attempts).toBe(2);
    expect(failure.requestContext.condition).toBe('RecordAgeExceeded');
    expect(failure.requestContext.approximateInvokeCount).toBe(2);
    expect(failure.responseContext.functionError).toBe('Unhandled');
    expect([failure.KinesisBatchInfo.startSequenceNumber, failure.KinesisBatchInfo.endSequenceNumber]).toEqual([
      truth[0]!.sequenceNumber,
      truth[2]!.sequenceNumber,
    ]);
    expect(failure.KinesisBatchInfo.batchSize).toBe(3);
    expect(processed).toEqual(['b-0', 'b-1']);
    expectNothingLost([...truth, ...later], processed, mapping.failures);
  });

  it('receives records already too old without invoking the function', async () => {
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('o', 4));
    let invocations = 0;

    const mapping = await run({
      name: 'too-old',
      streamName,
      settings: settings({ maximumRecordAgeInSeconds: 60 }),
      clock: () => Date.now() + 61_000,
      handler: async () => {
        invocations++;
      },
    });
    await waitFor(() => mapping.failures.length === 1);

    const failure = mapping.failures[0]!;
    expect(invocations).toBe(0);
    expect(failure.requestContext.condition).toBe('RecordAgeExceeded');
    expect(failure.requestContext.approximateInvokeCount).toBe(0);
    expect(failure.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(failure.KinesisBatchInfo.batchSize).toBe(4);
    expectNothingLost(truth, [], mapping.failures);
  });

  it('sends a failing batch on at once when maximumRetryAttempts is 0', async () => {
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('z', 2));
    let invocations = 0;

    const mapping = await run({
      name: 'no-retries',
      streamName,
      settings: settings({ maximumRetryAttempts: 0 }),
      handler: async () => {
        invocations++;
        throw new Error('always');
      },
    });
    await waitFor(() => mapping.failures.length === 1);

    expect(invocations).toBe(1);
    expect(mapping.failures[0]!.requestContext.approximateInvokeCount).toBe(1);
    expect(mapping.failures[0]!.KinesisBatchInfo.batchSize).toBe(2);
    expectNothingLost(truth, [], mapping.failures);
  });
});
