/** The report handler's logs and metrics: what one run through the real DynamoDB emulator writes to stdout and stderr. */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportsHandler } from '../../handlers/reports';
import { BATCH_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES } from '../../handlers/shared/observability';
import { DynamoReportStore } from '../../stores/reports';
import { injectFaults, NO_WAIT, startReportsDb, throttled, type ReportsDb } from '../stores/reports/helpers';
import { generatedRecords, kinesisEvent, kinesisRecord, MemoryBadRowSink, seq, SHARD } from './helpers';
import { captureOutput, emfLines, type EmfLine, logLines } from './shared/observabilityHelpers';

const { generated, records: good } = generatedRecords({ events: 300, seed: 5 });
/** Two lines that are not enriched events: two bad rows. */
const RECORDS = [...good, kinesisRecord('not\tan\tenriched\tevent', 300), kinesisRecord('garbage', 301)];
/** `kinesisRecord` puts record n's arrival at 1_763_805_600_000 + n ms: the clock is 7.5 s after the first. */
const NOW = new Date(1_763_805_600_000 + 7_500);

let db: ReportsDb;
beforeAll(async () => {
  db = await startReportsDb();
});
afterAll(async () => {
  await db?.close();
});

async function setup(options: { logLevel?: 'INFO' | 'WARN'; metrics?: null; failWrites?: boolean } = {}) {
  const tableName = await db.freshTable();
  const client = db.client();
  if (options.failWrites) injectFaults(client, { command: 'UpdateItemCommand', phase: 'before', error: throttled });
  const handler = createReportsHandler({
    store: new DynamoReportStore({ dynamodb: client, tableName, retry: { ...NO_WAIT, maxAttempts: 1 } }),
    badRows: new MemoryBadRowSink(),
    logger: new Logger({ serviceName: OBSERVED_SERVICES.reports, logLevel: options.logLevel ?? 'INFO' }),
    ...(options.metrics === null ? { metrics: null } : {}),
    now: () => NOW,
  });
  return { handler };
}

const valueOf = (line: EmfLine, name: string): unknown => line[name];

describe('report handler observability', () => {
  it('one invocation writes one EMF line (namespace Snowline, service dimension) with events in, bad rows, writes, retries, lag and latency', async () => {
    const { handler } = await setup();
    const { result, lines } = await captureOutput(() => handler(kinesisEvent(RECORDS)));
    expect(result.batchItemFailures).toEqual([]);
    const [emf, ...more] = emfLines(lines);
    expect(more).toEqual([]);
    const directive = emf!._aws.CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive.Dimensions).toEqual([['service']]);
    expect(emf!.service).toBe(OBSERVED_SERVICES.reports);
    expect(directive.Metrics.map((m) => m.Name).sort()).toEqual(Object.values(BATCH_METRICS).sort());
    expect(valueOf(emf!, BATCH_METRICS.eventsIn)).toBe(generated.length + 2);
    expect(valueOf(emf!, BATCH_METRICS.badRows)).toBe(2);
    expect(valueOf(emf!, BATCH_METRICS.retries)).toBe(0);
    expect(valueOf(emf!, BATCH_METRICS.lag)).toBe(7_500);
    expect(valueOf(emf!, BATCH_METRICS.latency)).toBeGreaterThan(0);
    // The log line of the shard: its sequence range and the same writes as the metric.
    const [log] = logLines(lines).filter((l) => l.message === 'batch applied');
    expect(log).toMatchObject({ level: 'INFO', service: OBSERVED_SERVICES.reports, shardId: SHARD, firstSequenceNumber: seq(0), lastSequenceNumber: seq(301), records: 302, iteratorAgeMs: 7_500, badRows: 2 });
    const writes = valueOf(emf!, BATCH_METRICS.writes) as number;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBe((log!.counterUpdates as number) + (log!.sketchUpdates as number));

    // The same batch again (Lambda's retry): the same lines in, nothing written twice.
    const again = await captureOutput(() => handler(kinesisEvent(RECORDS)));
    const [replay] = emfLines(again.lines);
    expect(valueOf(replay!, BATCH_METRICS.eventsIn)).toBe(generated.length + 2);
    expect(valueOf(replay!, BATCH_METRICS.writes)).toBe(0);
  });

  it('a batch whose writes fail counts one retry, and its warning carries the shard and sequence range', async () => {
    const { handler } = await setup({ failWrites: true });
    const { result, lines } = await captureOutput(() => handler(kinesisEvent(RECORDS.slice(10, 60))));
    expect(result.batchItemFailures).toHaveLength(1);
    expect(valueOf(emfLines(lines)[0]!, BATCH_METRICS.retries)).toBe(1);
    expect(valueOf(emfLines(lines)[0]!, BATCH_METRICS.writes)).toBe(0);
    const [warning] = logLines(lines).filter((l) => l.level === 'WARN');
    expect(warning).toMatchObject({ shardId: SHARD, firstSequenceNumber: seq(10), lastSequenceNumber: seq(59), records: 50 });
  });

  it('as snowline up builds it (warnings only, metrics null) a good batch writes nothing to the terminal', async () => {
    const { handler } = await setup({ logLevel: 'WARN', metrics: null });
    const { result, lines } = await captureOutput(() => handler(kinesisEvent(RECORDS)));
    expect(result.batchItemFailures).toEqual([]);
    expect(lines).toEqual([]);
  });
});
