import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { createFeaturesHandler } from '../../handlers/features';
import { offlineStoreFiles, runDuckDbQuery, toDuckDb } from '../../lib/queries';
import { startFeatureStoreService } from '../../local/featurestore';
import { FEATURE_GROUPS, USER_ACTIVITY } from '../../schemas/feature-groups';
import { DynamoFeatureStateStore, FeatureStoreRecordWriter } from '../../stores/features';
import { NO_WAIT, readRecords, startFeaturesDb } from '../stores/features/helpers';
import { generatedRecords, kinesisEvent, MemoryBadRowSink, silentLogger } from './helpers';

// Issue #5 §6: the online values agree with a recomputation from the offline store.

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (closers.length > 0) await closers.pop()!();
});

describe('online and offline feature stores', () => {
  it('agree: every online user_activity record is the latest offline row of its user', async () => {
    // Prepare: the handler over 2,000 events (5% late, 2% duplicates), in batches of 500, with an offline store.
    const lake = await mkdtemp(join(tmpdir(), 'snowline-offline-'));
    closers.push(() => rm(lake, { recursive: true, force: true }));
    const service = await startFeatureStoreService({ featureGroups: FEATURE_GROUPS, offlineStoreDir: lake });
    closers.push(() => service.close());
    const featureStore = new SageMakerFeatureStoreRuntimeClient({ endpoint: service.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    closers.push(async () => featureStore.destroy());
    const db = await startFeaturesDb();
    closers.push(() => db.close());
    const handler = createFeaturesHandler({
      state: new DynamoFeatureStateStore({ dynamodb: db.client(), tableName: await db.freshTable(), retry: NO_WAIT }),
      writer: new FeatureStoreRecordWriter({ featureStore, retry: NO_WAIT }),
      badRows: new MemoryBadRowSink(),
      logger: silentLogger(),
    });
    const { records } = generatedRecords({ events: 2000, seed: 9, lateRatio: 0.05, duplicateRatio: 0.02 });

    // Act
    for (let i = 0; i < records.length; i += 500) {
      expect((await handler(kinesisEvent(records.slice(i, i + 500)))).batchItemFailures).toEqual([]);
    }
    await service.flushOfflineStore();
    const sql = await readFile(join(import.meta.dirname, '..', '..', 'queries', 'user_activity_current.sql'), 'utf8');
    const offline = await runDuckDbQuery(toDuckDb(sql, { user_activity: { parquet: offlineStoreFiles(service.offlineStoreLocation(USER_ACTIVITY.name)!) } }));

    // Assess: the same users, and for each the same value of every feature.
    const features = USER_ACTIVITY.features.map((f) => f.name);
    const fromOffline = new Map(offline.map((row) => [row.domain_userid as string, Object.fromEntries(features.map((f) => [f, String(row[f])]))]));
    const online = await readRecords(featureStore, USER_ACTIVITY.name, [...fromOffline.keys()]);
    expect(fromOffline.size).toBeGreaterThan(50);
    expect(online.size).toBe(fromOffline.size);
    for (const [user, values] of fromOffline) {
      const record = online.get(user)!;
      expect(Object.fromEntries(features.map((f) => [f, record[f] === undefined ? 'undefined' : normalise(record[f])]))).toEqual(
        Object.fromEntries(features.map((f) => [f, normalise(values[f]!)])),
      );
    }
  });
});

/** Feature Store returns Fractional values as written ("0" or "12.5"); DuckDB reads them as doubles. */
function normalise(text: string): string {
  return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text;
}
