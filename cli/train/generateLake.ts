import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTimestampValue } from '@duckdb/node-api';
import { compileFeatureGroup, processFeatureBatch, type BatchEvent, type FeatureRecordWriter, type FeatureValue } from '../../lib/features';
import { generateEvents } from '../../lib/generator';
import { eventTime, parseEnrichedEvent, type EnrichedEventRecord } from '../../lib/snowplow';
import { MemoryFeatureStateStore } from '../../lib/training';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../../local/featurestore/constants';
import { offlineStoreLayout } from '../../local/featurestore/offlineStoreLayout';
import { ParquetWriter } from '../../local/featurestore/storage/ParquetWriter';
import type { OfflineRow } from '../../local/featurestore/types';
import { USER_ACTIVITY } from '../../schemas/feature-groups';
import { GENERATED_BATCH, LAKE_LAYOUT } from './constants';

/** Options of {@link generateLake}. */
export interface GenerateLakeOptions {
  /** Generated lines. */
  readonly events: number;
  /** The generator's seed. */
  readonly seed: number;
  /** Distinct visitors. @default the generator's (1,000) */
  readonly users?: number;
  /** Told every 10,000 events. @default - silent */
  readonly progress?: (events: number) => void;
}

/** What {@link generateLake} wrote. */
export interface GeneratedLake {
  /** The user_activity offline store's group folder. */
  readonly offlineStore: string;
  /** The archived events' folder. */
  readonly eventsDir: string;
  readonly events: number;
  readonly offlineRows: number;
}

const timestamp = (ms: number) => new DuckDBTimestampValue(BigInt(Math.round(ms * 1000)));

/**
 * Builds the inputs of `queries/feature_training_set.sql` in `root`, in-process: seeded generated
 * events (lib/generator), cut into batches as the Kinesis event source mapping cuts them (a
 * 1-second batching window, at most 500 records) and run through the feature handler's own
 * computation (processFeatureBatch over an in-memory state store) whose PutRecords become
 * offline-store rows, one per user per batch, with the batch's close as their API time. The
 * rows are written as Feature Store's offline store lays them out (Parquet by event-time hour,
 * see offlineStoreLayout) and the events as the archive does (`events/date=YYYY-MM-DD/`).
 */
export async function generateLake(root: string, options: GenerateLakeOptions): Promise<GeneratedLake> {
  const groups = [compileFeatureGroup(USER_ACTIVITY)];
  const state = new MemoryFeatureStateStore();
  const rows: Omit<OfflineRow, 'seq' | 'group'>[] = [];
  let batchCloseMs = 0;
  const writer: FeatureRecordWriter = {
    putRecord: async (_group: string, record: readonly FeatureValue[]) => {
      const values = Object.fromEntries(record.map((v) => [v.FeatureName, v.ValueAsString]));
      rows.push({ values, eventTimeMs: Date.parse(values[USER_ACTIVITY.eventTimeFeatureName]!), apiInvocationTimeMs: batchCloseMs, isDeleted: false });
    },
  };
  const archived: { id: string | null; name: string | null; user: string | null; derived: number | null; collector: number }[] = [];
  let batch: BatchEvent<EnrichedEventRecord>[] = [];
  let batchOpenedMs = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await processFeatureBatch(batch, { groups, state, writer, shardId: 'shardId-000000000000' });
    if (result.failures.length > 0) throw result.failures[0]!.error;
    batch = [];
  };
  let n = 0;
  for (const generated of generateEvents({ events: options.events, seed: options.seed, users: options.users })) {
    n++;
    if (n % 10_000 === 0) options.progress?.(n);
    const parsed = parseEnrichedEvent(generated.line);
    if (!parsed.ok) continue;
    const event = parsed.event;
    const t = eventTime(event);
    if (t === null) continue;
    if (batch.length > 0 && (generated.collectorTimeMs - batchOpenedMs >= GENERATED_BATCH.windowMs || batch.length >= GENERATED_BATCH.maxRecords)) await flush();
    if (batch.length === 0) batchOpenedMs = generated.collectorTimeMs;
    batchCloseMs = generated.collectorTimeMs + GENERATED_BATCH.processingMs;
    batch.push({ event, line: generated.line, eventTimeMs: t, sequenceNumber: String(n), partitionKey: event.domain_userid ?? undefined });
    archived.push({ id: event.event_id, name: event.event_name, user: event.domain_userid, derived: event.derived_tstamp, collector: event.collector_tstamp! });
  }
  await flush();

  // The offline store: one Parquet file per event-time hour.
  const offlineRoot = offlineStoreLayout.root(join(root, LAKE_LAYOUT.featureStore), LOCAL_ACCOUNT_ID, LOCAL_REGION);
  const created = Math.floor((archived[0]?.collector ?? 0) / 1000);
  const offlineStore = join(offlineRoot, offlineStoreLayout.groupFolder(USER_ACTIVITY.name, created));
  const byHour = new Map<string, OfflineRow[]>();
  for (const [seq, row] of rows.entries()) {
    const partition = offlineStoreLayout.partition(row.eventTimeMs);
    const list = byHour.get(partition) ?? [];
    list.push({ ...row, seq, group: USER_ACTIVITY.name });
    byHour.set(partition, list);
  }
  const parquet = new ParquetWriter();
  try {
    for (const [partition, list] of byHour) {
      const folder = join(offlineStore, partition);
      await mkdir(folder, { recursive: true });
      const latest = Math.max(...list.map((r) => r.eventTimeMs));
      const writeTime = Math.max(...list.map((r) => r.apiInvocationTimeMs));
      await parquet.write(USER_ACTIVITY, list, writeTime, join(folder, offlineStoreLayout.fileName(latest, `${partition}#${list.length}`)));
    }
  } finally {
    await parquet.close();
  }

  // The events archive: one Parquet file per UTC day.
  const eventsDir = join(root, LAKE_LAYOUT.events);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    await connection.run('CREATE TABLE events (event_id VARCHAR, event_name VARCHAR, domain_userid VARCHAR, derived_tstamp TIMESTAMP, collector_tstamp TIMESTAMP)');
    const appender = await connection.createAppender('events');
    for (const e of archived) {
      for (const text of [e.id, e.name, e.user]) {
        if (text === null) appender.appendNull();
        else appender.appendVarchar(text);
      }
      if (e.derived === null) appender.appendNull();
      else appender.appendTimestamp(timestamp(e.derived));
      appender.appendTimestamp(timestamp(e.collector));
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    await mkdir(eventsDir, { recursive: true });
    const target = eventsDir.replaceAll("'", "''");
    await connection.run(`COPY (SELECT *, strftime(COALESCE(derived_tstamp, collector_tstamp), '%Y-%m-%d') AS date FROM events) TO '${target}' (FORMAT parquet, PARTITION_BY (date), OVERWRITE_OR_IGNORE)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { offlineStore, eventsDir, events: archived.length, offlineRows: rows.length };
}
