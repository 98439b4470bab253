import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DuckDBInstance } from '@duckdb/node-api';
import { startFeatureStoreService, type FeatureStoreService } from '../../local/featurestore';
import { FEATURE_GROUPS } from '../../schemas/feature-groups';

/** The text of a query in `queries/`. */
export const readQuery = (file: string): Promise<string> => readFile(join(import.meta.dirname, '..', '..', 'queries', file), 'utf8');

/** A scratch directory; `remove` deletes it. */
export async function scratchDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'snowline-queries-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** A clock the test moves by hand, so api_invocation_time is known. */
export function manualClock(startMs: number): { now: () => number; advance: (ms: number) => void } {
  let current = startMs;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

/** The Feature Store service with an offline store under `root/lake`, and a real SDK client for it. */
export async function startOfflineStore(root: string, now: () => number): Promise<{
  service: FeatureStoreService;
  client: SageMakerFeatureStoreRuntimeClient;
  close: () => Promise<void>;
}> {
  const service = await startFeatureStoreService({
    featureGroups: FEATURE_GROUPS,
    dataDir: join(root, 'featurestore'),
    offlineStoreDir: join(root, 'lake', 'feature-store'),
    flushIntervalMs: 600_000,
    now,
  });
  const client = new SageMakerFeatureStoreRuntimeClient({
    endpoint: service.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    service,
    client,
    close: async () => {
      client.destroy();
      await service.close();
    },
  };
}

/** A user_activity record as the SDK takes it: the key, the event time, then `features`. */
export function userRecord(domainUserid: string, eventTime: string, features: Record<string, string | number> = {}) {
  return [
    { FeatureName: 'domain_userid', ValueAsString: domainUserid },
    { FeatureName: 'event_time', ValueAsString: eventTime },
    ...Object.entries(features).map(([FeatureName, value]) => ({ FeatureName, ValueAsString: String(value) })),
  ];
}

/** One archived enriched event, with the columns the training set reads. */
export interface ArchivedEvent {
  readonly event_id: string;
  readonly event_name: string;
  readonly domain_userid: string | null;
  /** `YYYY-MM-DD hh:mm:ss[.fff]`, UTC, or null. */
  readonly derived_tstamp: string | null;
  readonly collector_tstamp: string;
}

const sqlText = (value: string | null): string => (value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`);
const sqlTimestamp = (value: string | null): string => (value === null ? 'CAST(NULL AS TIMESTAMP)' : `TIMESTAMP '${value}'`);

/** Writes events as one Parquet file, timestamps as Parquet TIMESTAMP, as the archive holds them. */
export async function writeEventsParquet(file: string, events: readonly ArchivedEvent[]): Promise<void> {
  const rows = events.map(
    (e) => `(${sqlText(e.event_id)}, ${sqlText(e.event_name)}, ${sqlText(e.domain_userid)}, ${sqlTimestamp(e.derived_tstamp)}, ${sqlTimestamp(e.collector_tstamp)})`,
  );
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT * FROM (VALUES ${rows.join(', ')}) AS t(event_id, event_name, domain_userid, derived_tstamp, collector_tstamp))
         TO ${sqlText(file)} (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
