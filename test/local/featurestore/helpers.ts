import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DuckDBInstance } from '@duckdb/node-api';
import { startFeatureStoreService, type FeatureStoreService, type FeatureStoreServiceOptions } from '../../../local/featurestore';
import { defineFeatureGroup } from '../../../schemas/feature-group-declaration';
import { FEATURE_GROUPS } from '../../../schemas/feature-groups';

/** A group with a 60-second TTL, a Fractional event time and an Integral record identifier. */
export const SHORT_LIVED = defineFeatureGroup({
  name: 'short_lived',
  description: 'Test group: expires records after a minute',
  recordIdentifierFeatureName: 'id',
  eventTimeFeatureName: 'ts',
  ttl: { unit: 'Seconds', value: 60 },
  onlineStore: true,
  offlineStore: false,
  features: [
    { name: 'id', type: 'Integral', window: null, description: 'id', computation: 'given' },
    { name: 'ts', type: 'Fractional', window: null, description: 'event time, seconds', computation: 'given' },
    { name: 'score', type: 'Fractional', window: null, description: 'a score', computation: 'given' },
  ],
});

/** The declared groups plus {@link SHORT_LIVED}. */
export const TEST_GROUPS = [...FEATURE_GROUPS, SHORT_LIVED];

/** A clock tests move by hand. */
export interface ManualClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock starting at `startMs`. */
export function manualClock(startMs: number): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => void (current = ms),
    advance: (ms) => void (current += ms),
  };
}

/** A client of the real SDK pointed at the local service. */
export function clientFor(service: FeatureStoreService): SageMakerFeatureStoreRuntimeClient {
  return new SageMakerFeatureStoreRuntimeClient({
    endpoint: service.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
}

/** A scratch directory; `remove` deletes it. */
export async function scratchDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'snowline-featurestore-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Starts the service on scratch directories, with the test groups unless told otherwise. */
export async function startTestService(
  root: string,
  options: Partial<FeatureStoreServiceOptions> = {},
): Promise<{ service: FeatureStoreService; client: SageMakerFeatureStoreRuntimeClient; close: () => Promise<void> }> {
  const service = await startFeatureStoreService({
    featureGroups: TEST_GROUPS,
    dataDir: join(root, 'data'),
    offlineStoreDir: join(root, 'lake', 'feature-store'),
    flushIntervalMs: 60_000,
    ...options,
  });
  const client = clientFor(service);
  return {
    service,
    client,
    close: async () => {
      client.destroy();
      await service.close();
    },
  };
}

/** A user_activity record as the SDK takes it. */
export function userRecord(id: string, eventTime: string, features: Record<string, string> = {}) {
  return [
    { FeatureName: 'domain_userid', ValueAsString: id },
    { FeatureName: 'event_time', ValueAsString: eventTime },
    ...Object.entries(features).map(([FeatureName, ValueAsString]) => ({ FeatureName, ValueAsString })),
  ];
}

/** Runs a query with DuckDB and returns its rows as JSON-like objects. */
export async function queryDuckDb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What the SDK raises, for exact assertions. */
export async function sdkError(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const sdk = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: sdk.name, message: sdk.message, status: sdk.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
