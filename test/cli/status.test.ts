import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStatusTable, type StatusSnapshot } from '../../cli/status/index';
import type { KinesisBatchHandler } from '../../local/esm/types';
import { type ConsumerDefinition, findFreePort, type LocalStack, sdkClientConfig, startStack, writeEndpoints } from '../../local/up';
import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM } from '../../stacks/config';
import { SNOWLINE_BIN, snowline } from '../helpers/cli';
import { FREE_PORTS, removeDir, tempDataDir } from '../local/up/helpers';

const SETTINGS = { ...DEFAULT_EVENT_SOURCE, batchSize: 100, maximumBatchingWindowInSeconds: 0, maximumRetryAttempts: 0, bisectBatchOnFunctionError: false };
/** The records put on the enriched stream before the first status, the poison one aside. */
const GOOD = 40;

let stack: LocalStack;
let dataDir: string;
let kinesis: KinesisClient;
let release: () => void = () => undefined;
const gate = new Promise<void>((resolve) => {
  release = resolve;
});

/** `fast` processes every record but `poison`, which it reports failed (no retries: to the on-failure destination). */
const fast: KinesisBatchHandler = async (event) => ({
  batchItemFailures: event.Records.filter((r) => Buffer.from(r.kinesis.data, 'base64').toString() === 'poison').map((r) => ({
    itemIdentifier: r.kinesis.sequenceNumber,
  })),
});
/** `stuck` holds its first batch until the test ends: nothing it reads is checkpointed. */
const stuck: KinesisBatchHandler = async () => {
  await gate;
};
const consumers: ConsumerDefinition[] = [
  { name: 'fast', streamName: ENRICHED_STREAM.streamName, settings: SETTINGS, createHandler: () => fast },
  { name: 'stuck', streamName: ENRICHED_STREAM.streamName, settings: SETTINGS, createHandler: () => stuck },
];

const put = async (streamName: string, texts: readonly string[]): Promise<void> => {
  const { FailedRecordCount } = await kinesis.send(
    new PutRecordsCommand({ StreamName: streamName, Records: texts.map((text, i) => ({ Data: Buffer.from(text), PartitionKey: `p${i}` })) }),
  );
  expect(FailedRecordCount).toBe(0);
};
const processedBy = (name: string): number => stack.consumerStats().find((c) => c.name === name)!.recordsProcessed;
const until = async (what: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the stack');
    await new Promise((r) => setTimeout(r, 50));
  }
};
const byName = (snapshot: StatusSnapshot) => Object.fromEntries(snapshot.consumers.map((c) => [c.name, c]));

beforeAll(async () => {
  dataDir = await tempDataDir();
  stack = await startStack({ dataDir, ports: FREE_PORTS, consumers });
  kinesis = new KinesisClient(sdkClientConfig(stack.endpoints, 'kinesis'));
  // Prepare: GOOD records both consumers read, one poison record after them, three bad rows.
  await put(ENRICHED_STREAM.streamName, Array.from({ length: GOOD }, (_, i) => `event-${i}`));
  await until(() => processedBy('fast') === GOOD);
  await put(ENRICHED_STREAM.streamName, ['poison']);
  await until(() => stack.consumerStats().find((c) => c.name === 'fast')!.recordsToOnFailure === 1);
  await put(BAD_ROWS_STREAM.streamName, ['{"bad":1}', '{"bad":2}', '{"bad":3}']);
});

afterAll(async () => {
  release();
  kinesis?.destroy();
  await stack?.close();
  await removeDir(dataDir);
});

describe('snowline status', () => {
  it('--once --json: per consumer and shard, records behind the checkpoint, on-failure depth and bad rows', async () => {
    // Act
    const { code, stdout, stderr } = await snowline('status', '--once', '--json', '--data-dir', dataDir);

    // Assess: one JSON object, from two samples about a second apart
    expect([code, stderr]).toEqual([0, '']);
    const snapshot = JSON.parse(stdout) as StatusSnapshot;
    expect(snapshot.intervalSeconds).toBeGreaterThan(0.9);
    const { fast: f, stuck: s } = byName(snapshot);
    // fast: everything but the poison record processed, nothing behind, the poison record in its on-failure destination
    expect(f!.shards.map((shard) => shard.shardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect([f!.recordsProcessed, f!.recordsBehind, f!.onFailureDepth, f!.eventsPerSecond]).toEqual([GOOD, 0, 1, 0]);
    // stuck: holds its first batch, so every record on the stream is behind its (absent) checkpoints
    expect([s!.recordsProcessed, s!.recordsBehind, s!.onFailureDepth]).toEqual([0, GOOD + 1, 0]);
    expect(s!.shards.every((shard) => shard.checkpoint === null && !shard.recordsBehindCapped)).toBe(true);
    expect(snapshot.badRows).toEqual({ streamName: BAD_ROWS_STREAM.streamName, count: 3 });

    // AND the table (what --once prints without --json) has a line per consumer and per shard, and the bad rows
    const lines = formatStatusTable(snapshot).split('\n');
    expect(lines[1]).toMatch(/^consumer \/ shard\s+behind\s+iterator age\s+ms behind\s+events\/s\s+processed\s+failed batches\s+on-failure$/);
    expect(lines.find((l) => l.startsWith('fast '))).toMatch(new RegExp(`^fast\\s+0\\s+.*\\s${GOOD}\\s+\\d+\\s+1$`));
    expect(lines.find((l) => l.startsWith('stuck '))).toMatch(new RegExp(`^stuck\\s+${GOOD + 1}\\s`));
    expect(lines.filter((l) => l.startsWith('  shardId-'))).toHaveLength(4);
    expect(lines).toContain(`bad rows: 3 on ${BAD_ROWS_STREAM.streamName}`);
  });

  it('refreshes until stopped, its events/s adding up to the records processed between samples', async () => {
    // Prepare: a watching status, one JSON line per 300 ms
    const child = spawn(process.execPath, [SNOWLINE_BIN, 'status', '--json', '--interval', '300', '--data-dir', dataDir]);
    const lines: string[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
    });
    try {
      await until(() => lines.length >= 1);
      // Act: 200 more records while it watches
      await put(ENRICHED_STREAM.streamName, Array.from({ length: 200 }, (_, i) => `more-${i}`));
      await until(() => processedBy('fast') === GOOD + 200);
      const seen = lines.length;
      await until(() => lines.length >= seen + 2);
    } finally {
      child.kill('SIGINT');
    }
    await new Promise((resolve) => child.once('close', resolve));

    // Assess: each rate times its interval is exactly what was processed in it, and they sum to the 200
    const samples = lines.map((line) => byName(JSON.parse(line) as StatusSnapshot).fast!);
    const intervals = lines.map((line) => (JSON.parse(line) as StatusSnapshot).intervalSeconds);
    expect(intervals[0]).toBe(0);
    let counted = 0;
    for (let i = 1; i < samples.length; i += 1) {
      const delta = samples[i]!.recordsProcessed - samples[i - 1]!.recordsProcessed;
      expect(samples[i]!.eventsPerSecond * intervals[i]!).toBeCloseTo(delta, 6);
      counted += delta;
    }
    expect(counted).toBe(200);
    expect(Math.max(...samples.map((s) => s.eventsPerSecond))).toBeGreaterThan(0);
  });

  it('says so, and how to start one, when no stack runs on the data dir', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'snowline-status-'));
    try {
      const { code, stdout, stderr } = await snowline('status', '--once', '--data-dir', empty);
      expect([code, stdout]).toEqual([1, '']);
      expect(stderr).toBe(`snowline: no local stack found in ${empty}: start one with \`npx snowline up --data-dir ${empty}\`\n`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('says the stack does not answer when endpoints.json is left by a stack that is gone', async () => {
    // Prepare: the running stack's endpoints, with the HTTP API on a port nothing listens on
    const stale = await mkdtemp(join(tmpdir(), 'snowline-status-stale-'));
    const port = await findFreePort('127.0.0.1');
    await writeEndpoints(stale, { ...stack.endpoints, http: `http://127.0.0.1:${port}` });
    try {
      const { code, stderr } = await snowline('status', '--once', '--data-dir', stale);
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`^snowline: the local stack in ${stale} does not answer at http://127\\.0\\.0\\.1:${port}/api/health \\(`));
    } finally {
      await rm(stale, { recursive: true, force: true });
    }
  });
});
