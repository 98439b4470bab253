import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEventSourceMapping, type KinesisBatchHandler } from '../../../local/esm';
import { createLocalKinesisClient, startKinesis } from '../../../local/kinesis';
import { FAST, labels, putRecords, seen, settings, waitFor } from './helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const STREAM = { streamName: 'restart', capacity: 1, localShardCount: 1, retentionHours: 24 } as const;

/** Starts kinesalite on disk and a mapping on the same data dir, as `snowline up` does. */
async function up(dataDir: string, handler: KinesisBatchHandler) {
  const kinesis = await startKinesis({ dataDir, streams: [STREAM] });
  const mapping = await startEventSourceMapping({
    name: 'restart',
    kinesis: kinesis.endpoint,
    streamName: STREAM.streamName,
    settings: settings({ batchSize: 3 }),
    handler,
    dataDir,
    ...FAST,
  });
  const client = createLocalKinesisClient(kinesis.endpoint);
  const down = async () => {
    client.destroy();
    await mapping.stop();
    await kinesis.close();
  };
  cleanups.push(down);
  return { client, mapping, down };
}

describe('a restart of the whole local stack', () => {
  it('resumes from the checkpoint with kinesalite on disk: no record twice, none skipped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'snowline-restart-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const first: string[] = [];
    const second: string[] = [];

    const one = await up(dataDir, async (event) => void first.push(...seen(event).data));
    await putRecords(one.client, STREAM.streamName, labels('before', 7));
    await waitFor(() => first.length === 7);
    cleanups.pop();
    await one.down();

    const two = await up(dataDir, async (event) => void second.push(...seen(event).data));
    await putRecords(two.client, STREAM.streamName, labels('after', 4));
    await waitFor(() => second.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 150));

    expect(first).toEqual(labels('before', 7));
    expect(second).toEqual(labels('after', 4));
  });
});
