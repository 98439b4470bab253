/** Shared builders for the event source mapping suites: a kinesalite, streams, records, waits. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { EventSourceSettings } from '../../../stacks/config';
import { createLocalKinesisClient, createStreams, startKinesis, type KinesisService } from '../../../local/kinesis';

/** Explicit hash keys that land in shard 0 and shard 1 of a two-shard stream. */
export const SHARD_HASH = ['1', (2n ** 127n + 1n).toString()] as const;

/** A record as put, with where Kinesis placed it: the ground truth tests compare against. */
export interface PutResult {
  readonly data: string;
  readonly partitionKey: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** A kinesalite, a client and a scratch directory, torn down together. */
export interface Harness {
  readonly kinesis: KinesisService;
  readonly client: KinesisClient;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Starts an in-memory kinesalite with a client and a temp data dir. */
export async function startHarness(): Promise<Harness> {
  const kinesis = await startKinesis();
  const client = createLocalKinesisClient(kinesis.endpoint);
  const dataDir = await mkdtemp(join(tmpdir(), 'snowline-esm-'));
  return {
    kinesis,
    client,
    dataDir,
    async close() {
      client.destroy();
      await kinesis.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let streamCounter = 0;

/** Creates a fresh stream with `shards` shards and returns its name. */
export async function createStream(harness: Harness, shards: number): Promise<string> {
  const streamName = `esm-test-${process.pid}-${++streamCounter}`;
  await createStreams(harness.client, [
    { streamName, capacity: shards, localShardCount: shards, retentionHours: 24 },
  ]);
  return streamName;
}

/** Puts `data` (in order) into shard `shard` of a stream; returns the ground truth. */
export async function putRecords(
  client: KinesisClient,
  streamName: string,
  data: readonly string[],
  shard = 0,
): Promise<PutResult[]> {
  const results: PutResult[] = [];
  for (let i = 0; i < data.length; i += 500) {
    const chunk = data.slice(i, i + 500);
    const out = await client.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: chunk.map((d) => ({ Data: Buffer.from(d), PartitionKey: `pk-${d}`, ExplicitHashKey: SHARD_HASH[shard] })),
      }),
    );
    out.Records!.forEach((r, j) => {
      results.push({ data: chunk[j]!, partitionKey: `pk-${chunk[j]}`, shardId: r.ShardId!, sequenceNumber: r.SequenceNumber! });
    });
  }
  return results;
}

/** Settings for fast tests: no batching window, infinite retries and age, unless overridden. */
export function settings(overrides: Partial<EventSourceSettings> = {}): EventSourceSettings {
  return {
    batchSize: 10,
    maximumBatchingWindowInSeconds: 0,
    bisectBatchOnFunctionError: false,
    maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: -1,
    reportBatchItemFailures: true,
    startingPosition: 'TRIM_HORIZON',
    ...overrides,
  };
}

/** Options every test mapping shares: fast polling, no retry delay. */
export const FAST = { pollIntervalMs: 10, retryDelayMs: 0, shardDiscoveryIntervalMs: 100 } as const;

/** The decoded data of a Lambda record. */
export function decode(record: KinesisStreamRecord): string {
  return Buffer.from(record.kinesis.data, 'base64').toString('utf8');
}

/** One invocation as a handler saw it. */
export interface SeenBatch {
  readonly shardId: string;
  readonly data: readonly string[];
  readonly sequenceNumbers: readonly string[];
}

/** Summarises an event for assertions. */
export function seen(event: KinesisStreamEvent): SeenBatch {
  const first = event.Records[0]!;
  return {
    shardId: first.eventID.split(':')[0]!,
    data: event.Records.map(decode),
    sequenceNumbers: event.Records.map((r) => r.kinesis.sequenceNumber),
  };
}

/** Polls `predicate` every 10 ms until true; fails after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Labels `prefix-0` ... `prefix-(n-1)`. */
export function labels(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
}
