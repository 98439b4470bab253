/** The feature handler's logs and metrics: what one run through dynalite and the local Feature Store writes to stdout and stderr. */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFeaturesHandler } from '../../handlers/features';
import { BATCH_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES } from '../../handlers/shared/observability';
import { countFeatureRequests, DynamoFeatureStateStore, FeatureStoreRecordWriter } from '../../stores/features';
import { NO_WAIT, startFeatureStore, startFeaturesDb, type FeaturesDb } from '../stores/features/helpers';
import { generatedRecords, kinesisEvent, kinesisRecord, MemoryBadRowSink, seq, SHARD } from './helpers';
import { captureOutput, emfLines, logLines } from './shared/observabilityHelpers';

const { generated, records: good } = generatedRecords({ events: 300, seed: 9 });
/** Two lines that are not enriched events. */
const RECORDS = [...good, kinesisRecord('not\tan\tenriched\tevent', 300), kinesisRecord('garbage', 301)];
/** `kinesisRecord` puts record n's arrival at 1_763_805_600_000 + n ms: the clock is 4 s after the first. */
const NOW = new Date(1_763_805_600_000 + 4_000);

let db: FeaturesDb;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  db = await startFeaturesDb();
});
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});
afterAll(async () => {
  await db?.close();
});

async function setup(options: { sendUnreadable?: boolean; metrics?: null; logLevel?: 'INFO' | 'WARN' } = {}) {
  const featureStore = await startFeatureStore();
  closers.push(featureStore.close);
  const dynamodb = db.client();
  const counter = countFeatureRequests({ dynamodb, featureStore: featureStore.client });
  const handler = createFeaturesHandler({
    state: new DynamoFeatureStateStore({ dynamodb, tableName: await db.freshTable(), retry: NO_WAIT }),
    writer: new FeatureStoreRecordWriter({ featureStore: featureStore.client, retry: NO_WAIT }),
    badRows: new MemoryBadRowSink(),
    logger: new Logger({ serviceName: OBSERVED_SERVICES.features, logLevel: options.logLevel ?? 'INFO' }),
    now: () => NOW,
    ...(options.sendUnreadable ? { sendUnreadable: true } : {}),
    ...(options.metrics === null ? { metrics: null } : {}),
  });
  return { handler, counter };
}

describe('feature handler observability', () => {
  it('one invocation writes one EMF line with events in, bad rows, writes (state entries and the PutRecords sent), retries, lag and latency, and a log line with the sequence range', async () => {
    const { handler, counter } = await setup({ sendUnreadable: true });
    const { result, lines } = await captureOutput(() => handler(kinesisEvent(RECORDS)));
    expect(result.batchItemFailures).toEqual([]);
    const [emf, ...more] = emfLines(lines);
    expect(more).toEqual([]);
    expect(emf!._aws.CloudWatchMetrics[0]!.Namespace).toBe(METRICS_NAMESPACE);
    expect(emf!.service).toBe(OBSERVED_SERVICES.features);
    expect(emf).toMatchObject({ [BATCH_METRICS.eventsIn]: generated.length + 2, [BATCH_METRICS.badRows]: 2, [BATCH_METRICS.retries]: 0, [BATCH_METRICS.lag]: 4_000 });
    expect(emf![BATCH_METRICS.latency]).toBeGreaterThan(0);
    const [log] = logLines(lines).filter((l) => l.message === 'batch applied');
    expect(log).toMatchObject({ level: 'INFO', service: OBSERVED_SERVICES.features, shardId: SHARD, firstSequenceNumber: seq(0), lastSequenceNumber: seq(301), records: 302, iteratorAgeMs: 4_000 });
    // Writes are the state entries written plus the PutRecords, which the Feature Store client really sent.
    expect(counter.putRecords()).toBeGreaterThan(0);
    expect(log!.putRecords).toBe(counter.putRecords());
    expect(emf![BATCH_METRICS.writes]).toBe((log!.stateWrites as number) + counter.putRecords());
  });

  it('as snowline up builds it (warnings only, metrics null) a good batch writes nothing to the terminal', async () => {
    const { handler } = await setup({ metrics: null, logLevel: 'WARN' });
    const { result, lines } = await captureOutput(() => handler(kinesisEvent(RECORDS)));
    expect(result.batchItemFailures).toEqual([]);
    expect(lines).toEqual([]);
  });
});
