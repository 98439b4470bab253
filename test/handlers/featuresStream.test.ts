import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeaturesHandler } from '../../handlers/features';
import { KinesisBadRowSink } from '../../handlers/shared';
import { generateEvents } from '../../lib/generator';
import { startEventSourceMapping, type EventSourceMapping } from '../../local/esm';
import { createLocalKinesisClient, startKinesis, type KinesisService } from '../../local/kinesis';
import { BAD_ROWS_STREAM, DEFAULT_EVENT_SOURCE, ENRICHED_STREAM } from '../../stacks/config';
import { DynamoFeatureStateStore, FeatureStoreRecordWriter } from '../../stores/features';
import { expectedProductActivity, expectedUserActivity } from '../lib/features/truth';
import { NO_WAIT, readRecords, startFeatureStore, startFeaturesDb, type FeaturesDb } from '../stores/features/helpers';
import { silentLogger } from './helpers';

const generated = [...generateEvents({ events: 1500, seed: 23, lateRatio: 0.05, duplicateRatio: 0.02 })];

let db: FeaturesDb;
let kinesis: KinesisService;
let client: KinesisClient;
let featureStore: Awaited<ReturnType<typeof startFeatureStore>>;
let dataDir: string;
beforeAll(async () => {
  db = await startFeaturesDb();
  kinesis = await startKinesis({ streams: [ENRICHED_STREAM, BAD_ROWS_STREAM] });
  client = createLocalKinesisClient(kinesis.endpoint);
  featureStore = await startFeatureStore();
  dataDir = await mkdtemp(join(tmpdir(), 'snowline-features-esm-'));
});
afterAll(async () => {
  client?.destroy();
  await featureStore?.close();
  await kinesis?.close();
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function startFeatures(tableName: string): Promise<EventSourceMapping> {
  const handler = createFeaturesHandler({
    state: new DynamoFeatureStateStore({ dynamodb: db.client(), tableName, retry: NO_WAIT }),
    writer: new FeatureStoreRecordWriter({ featureStore: featureStore.client, retry: NO_WAIT }),
    badRows: new KinesisBadRowSink({ kinesis: client, streamName: BAD_ROWS_STREAM.streamName }),
    logger: silentLogger(),
  });
  return startEventSourceMapping({
    name: 'features',
    kinesis: client,
    streamName: ENRICHED_STREAM.streamName,
    settings: { ...DEFAULT_EVENT_SOURCE, batchSize: 100, maximumBatchingWindowInSeconds: 0 },
    handler,
    dataDir,
    pollIntervalMs: 20,
    retryDelayMs: 0,
    shardDiscoveryIntervalMs: 1000,
  });
}

async function waitUntil(predicate: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('feature handler on kinesalite through the local event source mapping', () => {
  it('two shards writing the same products concurrently, and a runner crash: every record equals the truth', async () => {
    const tableName = await db.freshTable();
    for (let i = 0; i < generated.length; i += 250) {
      const chunk = generated.slice(i, i + 250);
      const out = await client.send(new PutRecordsCommand({ StreamName: ENRICHED_STREAM.streamName, Records: chunk.map((g) => ({ Data: Buffer.from(g.line), PartitionKey: g.event.domain_userid! })) }));
      expect(out.FailedRecordCount).toBe(0);
    }
    const first = await startFeatures(tableName);
    await waitUntil(async () => first.stats().recordsProcessed >= 500, 'the first runner to process 500 records');
    await first.abandon();
    const second = await startFeatures(tableName);
    const users = expectedUserActivity(generated);
    const products = expectedProductActivity(generated);
    const equalsTruth = async () => {
      const online = { users: await readRecords(featureStore.client, 'user_activity', [...users.keys()]), products: await readRecords(featureStore.client, 'product_activity', [...products.keys()]) };
      return JSON.stringify([...online.users].sort()) === JSON.stringify([...users].sort()) && JSON.stringify([...online.products].sort()) === JSON.stringify([...products].sort());
    };
    try {
      await waitUntil(equalsTruth, 'every user and product record to equal the truth');
    } finally {
      await second.stop();
    }
    const stats = second.stats();
    expect(stats.shards.length).toBe(2);
    expect(first.stats().recordsToOnFailure + stats.recordsToOnFailure).toBe(0);
    expect(await readRecords(featureStore.client, 'user_activity', [...users.keys()])).toEqual(users);
    expect(await readRecords(featureStore.client, 'product_activity', [...products.keys()])).toEqual(products);
  });
});
