import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeleteStreamCommand } from '@aws-sdk/client-kinesis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CheckpointFileError,
  startEventSourceMapping,
  type EventSourceMapping,
  type StartEventSourceMappingOptions,
} from '../../../local/esm';
import { createStreams } from '../../../local/kinesis';
import { createStream, FAST, labels, putRecords, seen, settings, startHarness, waitFor, type Harness, type SeenBatch } from './helpers';

let harness: Harness;
const mappings: EventSourceMapping[] = [];
const releases: (() => void)[] = [];
beforeAll(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  releases.splice(0).forEach((release) => release());
  while (mappings.length > 0) await mappings.pop()!.stop();
});
afterAll(async () => {
  await harness.close();
});

async function run(options: Omit<StartEventSourceMappingOptions, 'kinesis' | 'dataDir'>) {
  const mapping = await startEventSourceMapping({ kinesis: harness.client, dataDir: harness.dataDir, ...FAST, ...options });
  mappings.push(mapping);
  return mapping;
}

async function readCheckpoints(name: string): Promise<Record<string, string>> {
  const file = JSON.parse(await readFile(join(harness.dataDir, 'esm', name, 'checkpoints.json'), 'utf8'));
  return Object.fromEntries(Object.entries(file.shards as Record<string, { sequenceNumber: string }>).map(([k, v]) => [k, v.sequenceNumber]));
}

function recorder() {
  const batches: SeenBatch[] = [];
  return { batches, data: () => batches.flatMap((b) => b.data), handler: async (event: Parameters<typeof seen>[0]) => void batches.push(seen(event)) };
}

const idle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkpoints', () => {
  it('resume after a clean stop: nothing is processed twice or skipped', async () => {
    // GIVEN a first runner that processed everything in two shards
    const streamName = await createStream(harness, 2);
    const first = [...(await putRecords(harness.client, streamName, labels('a', 6), 0)), ...(await putRecords(harness.client, streamName, labels('b', 6), 1))];
    const one = recorder();
    const runner1 = await run({ name: 'resume', streamName, settings: settings({ batchSize: 4 }), handler: one.handler });
    await waitFor(() => one.data().length === 12);
    await runner1.stop();
    expect(await readCheckpoints('resume')).toEqual({
      'shardId-000000000000': first[5]!.sequenceNumber,
      'shardId-000000000001': first[11]!.sequenceNumber,
    });

    // WHEN more records arrive and a new runner starts on the same data dir
    await putRecords(harness.client, streamName, labels('c', 3), 0);
    await putRecords(harness.client, streamName, labels('d', 3), 1);
    const two = recorder();
    await run({ name: 'resume', streamName, settings: settings({ batchSize: 4 }), handler: two.handler });
    await waitFor(() => two.data().length === 6);
    await idle();

    // THEN it processes exactly the new records
    expect(one.data().sort()).toEqual([...labels('a', 6), ...labels('b', 6)].sort());
    expect(two.data().sort()).toEqual([...labels('c', 3), ...labels('d', 3)].sort());
  });

  it('stop() lets the in-flight batch finish and checkpoints it', async () => {
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('s', 3));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    releases.push(release);
    let finished = 0;
    const runner = await run({
      name: 'graceful',
      streamName,
      settings: settings(),
      handler: async () => {
        await gate;
        finished++;
      },
    });
    await waitFor(() => runner.stats().shards[0]!.state === 'invoking');

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await idle(100);
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(finished).toBe(1);
    expect(await readCheckpoints('graceful')).toEqual({ 'shardId-000000000000': truth[2]!.sequenceNumber });
    expect(runner.stats().shards[0]!.state).toBe('stopped');
  });

  it('a crash replays only the batch that was in flight', async () => {
    // GIVEN a runner whose third batch never finishes
    const streamName = await createStream(harness, 1);
    const truth = await putRecords(harness.client, streamName, labels('k', 15));
    const one = recorder();
    let release!: () => void;
    const hung = new Promise<void>((resolve) => (release = resolve));
    releases.push(release);
    const runner1 = await run({
      name: 'crash',
      streamName,
      settings: settings({ batchSize: 5 }),
      handler: async (event) => {
        await one.handler(event);
        if (one.batches.length === 3) await hung;
      },
    });
    await waitFor(() => one.batches.length === 3);

    // WHEN it crashes (abandons the invocation) and a new runner starts
    await runner1.abandon();
    expect(await readCheckpoints('crash')).toEqual({ 'shardId-000000000000': truth[9]!.sequenceNumber });
    const two = recorder();
    await run({ name: 'crash', streamName, settings: settings({ batchSize: 5 }), handler: two.handler });
    await waitFor(() => two.data().length === 5);
    release(); // the abandoned invocation returns late: it must change nothing
    await idle();

    // THEN only the unfinished batch is replayed
    expect(one.batches.map((b) => b.data)).toEqual([labels('k', 15).slice(0, 5), labels('k', 15).slice(5, 10), labels('k', 15).slice(10)]);
    expect(two.batches.map((b) => b.data)).toEqual([labels('k', 15).slice(10)]);
    expect(await readCheckpoints('crash')).toEqual({ 'shardId-000000000000': truth[14]!.sequenceNumber });
    expect(runner1.stats().recordsProcessed).toBe(10);
  });

  it('refuses a corrupt checkpoint file, naming it', async () => {
    const streamName = await createStream(harness, 1);
    const file = join(harness.dataDir, 'esm', 'corrupt', 'checkpoints.json');
    await mkdir(join(harness.dataDir, 'esm', 'corrupt'), { recursive: true });
    await writeFile(file, '{"version": 1, "shards": ');

    const attempt = run({ name: 'corrupt', streamName, settings: settings(), handler: async () => {} });

    await expect(attempt).rejects.toBeInstanceOf(CheckpointFileError);
    await expect(attempt).rejects.toThrow(`event source mapping 'corrupt': checkpoint file ${file} is not valid JSON`);
  });

  it('refuses a checkpoint file that belongs to another stream', async () => {
    const streamName = await createStream(harness, 1);
    const file = join(harness.dataDir, 'esm', 'foreign', 'checkpoints.json');
    await mkdir(join(harness.dataDir, 'esm', 'foreign'), { recursive: true });
    const other = 'arn:aws:kinesis:us-east-1:000000000000:stream/other';
    await writeFile(file, JSON.stringify({ version: 1, mapping: 'foreign', streamArn: other, shards: {} }));

    const attempt = run({ name: 'foreign', streamName, settings: settings(), handler: async () => {} });

    await expect(attempt).rejects.toThrow(
      `checkpoint file ${file} belongs to ${other}, not arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`,
    );
  });

  it('reads a recreated stream from its start when the checkpoint came from the old one', async () => {
    const streamName = await createStream(harness, 1);
    await putRecords(harness.client, streamName, ['old-0']);
    const one = recorder();
    const runner1 = await run({ name: 'recreated', streamName, settings: settings(), handler: one.handler });
    await waitFor(() => one.data().length === 1);
    await runner1.stop();
    await harness.client.send(new DeleteStreamCommand({ StreamName: streamName }));
    await idle(1_100); // sequence numbers encode the stream's creation second: make it differ
    await createStreams(harness.client, [{ streamName, capacity: 1, localShardCount: 1, retentionHours: 24 }]);
    await putRecords(harness.client, streamName, ['new-0', 'new-1']);

    const two = recorder();
    const runner2 = await run({ name: 'recreated', streamName, settings: settings(), handler: two.handler });
    await waitFor(() => two.data().length === 2);

    expect(two.data()).toEqual(['new-0', 'new-1']);
    expect(runner2.stats().shards[0]!.startPosition).toBe(
      `TRIM_HORIZON (checkpoint ${one.batches[0]!.sequenceNumbers[0]} is not from this stream)`,
    );
  });
});

describe('the starting position', () => {
  it('LATEST skips records put before the mapping started; a restart still resumes at the checkpoint', async () => {
    const streamName = await createStream(harness, 1);
    await putRecords(harness.client, streamName, ['before']);
    const one = recorder();
    const runner1 = await run({ name: 'latest', streamName, settings: settings({ startingPosition: 'LATEST' }), handler: one.handler });
    await putRecords(harness.client, streamName, ['after-0']);
    await waitFor(() => one.data().length === 1);
    await runner1.stop();
    await putRecords(harness.client, streamName, ['after-1']);

    const two = recorder();
    await run({ name: 'latest', streamName, settings: settings({ startingPosition: 'LATEST' }), handler: two.handler });
    await waitFor(() => two.data().length === 1);
    await idle();

    expect(one.data()).toEqual(['after-0']);
    expect(two.data()).toEqual(['after-1']);
  });
});
