import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVER_CONSUMER_NAME } from '../../../local/archiver';
import { createLocalKinesisClient, startKinesis } from '../../../local/kinesis';
import { startConsumerThread } from '../../../local/up/threads';
import type { Endpoints } from '../../../local/up';
import { ENRICHED_STREAM } from '../../../stacks/config';
import { traffic } from '../archiver/helpers';
import { waitFor } from '../esm/helpers';

let dataDir: string;
let kinesis: Awaited<ReturnType<typeof startKinesis>>;
let endpoints: Endpoints;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'consumer-thread-'));
  kinesis = await startKinesis({ dataDir, streams: [{ ...ENRICHED_STREAM, localShardCount: 1 }] });
  // Only Kinesis and the data dir are used by the archiver; the other services are never called.
  const unused = 'http://127.0.0.1:9';
  endpoints = {
    kinesis: kinesis.endpoint, dynamodb: unused, featurestore: unused, sagemaker: unused, modelServer: unused, postgres: 'postgres://u:p@127.0.0.1:9/db', http: unused,
    streams: {}, tables: {}, featureGroups: {}, sagemakerEndpoints: {}, region: 'us-east-1', dataDir, pid: process.pid, startedAt: new Date().toISOString(),
  };
});
afterAll(async () => {
  await kinesis?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function put(lines: readonly string[]): Promise<void> {
  const client = createLocalKinesisClient(kinesis.endpoint, 'us-east-1');
  try {
    await client.send(new PutRecordsCommand({ StreamName: ENRICHED_STREAM.streamName, Records: lines.map((line, i) => ({ Data: Buffer.from(line), PartitionKey: `pk-${i}` })) }));
  } finally {
    client.destroy();
  }
}

describe('startConsumerThread', () => {
  it('fails to start naming a consumer DEFAULT_CONSUMERS does not have', async () => {
    await expect(startConsumerThread({ name: 'no-such-consumer', streamName: ENRICHED_STREAM.streamName }, endpoints)).rejects.toThrow(/consumer no-such-consumer: no consumer named "no-such-consumer"/);
  });

  it('runs a default consumer in its own thread, reports its counters, and starts it again from its checkpoint after a crash', async () => {
    const lines = traffic(120).map((g) => g.line);
    const log: string[] = [];
    const running = await startConsumerThread({ name: ARCHIVER_CONSUMER_NAME, streamName: ENRICHED_STREAM.streamName }, endpoints, { statsEveryMs: 50, restartDelayMs: 100, log: (l) => log.push(l) });
    try {
      await put(lines.slice(0, 60));
      // Counted when the handler returns, checkpointed just after: wait for both.
      await waitFor(() => running.stats().recordsProcessed === 60 && running.stats().shards[0]?.checkpoint !== undefined, 30_000);
      const checkpoint = running.stats().shards[0]!.checkpoint;

      await running.crash();
      await waitFor(() => log.some((l) => l.includes('thread died')), 10_000);
      // The new thread starts from the checkpoint: it reads only what came after it.
      await waitFor(() => running.stats().shards[0]?.startPosition?.startsWith(`AFTER_SEQUENCE_NUMBER ${checkpoint}`) === true, 30_000);
      await put(lines.slice(60));
      // The new thread's own counters: the 60 records after the checkpoint, checkpointed in turn.
      await waitFor(() => running.stats().recordsProcessed === 60 && running.stats().shards[0]!.checkpoint !== checkpoint, 30_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(running.stats().recordsProcessed).toBe(60);
    } finally {
      await running.close();
    }
    // Stopped for good: no restart after close.
    await new Promise((r) => setTimeout(r, 300));
    expect(log.filter((l) => l.includes('thread died'))).toHaveLength(1);
  });
});
