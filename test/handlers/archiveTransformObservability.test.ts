/** The archive transform's metrics and log line: what one Firehose invocation writes to stdout and stderr. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { FirehoseTransformationEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveTransformHandler } from '../../handlers/archive-transform';
import { BATCH_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES } from '../../handlers/shared/observability';
import { generateEvents } from '../../lib/generator';
import { FileKeyProvider } from '../../lib/privacy';
import { captureOutput, emfLines, logLines } from './shared/observabilityHelpers';

const ARRIVAL = 1_763_805_600_000;
const events = [...generateEvents({ events: 5, seed: 3, users: 3, sessionsPerMinute: 20 })];

/** Firehose records: one line each, arriving 0, 100, 200… ms after ARRIVAL; the last is not an event. */
const EVENT: FirehoseTransformationEvent = {
  invocationId: 'invocation-observed',
  deliveryStreamArn: 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/events',
  region: 'eu-west-1',
  records: [...events.map((e) => e.line), 'not an enriched event'].map((line, i) => ({
    recordId: `r${i}`,
    approximateArrivalTimestamp: ARRIVAL + i * 100,
    data: Buffer.from(line).toString('base64'),
  })),
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snowline-archive-observability-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('archive transform observability', () => {
  it('writes one EMF line (lines in, bad lines, rows archived, no retries, lag of the oldest record, latency) and a log line with the counts', async () => {
    const handler = createArchiveTransformHandler({
      keyProvider: new FileKeyProvider({ file: join(dir, 'pseudonymisation.key') }),
      logger: new Logger({ serviceName: OBSERVED_SERVICES.archiveTransform, logLevel: 'INFO' }),
      now: () => ARRIVAL + 3_000,
    });
    const { result, lines } = await captureOutput(() => handler(EVENT));
    expect(result.records.map((r) => r.result)).toEqual([...events.map(() => 'Ok'), 'Dropped']);
    const [emf, ...more] = emfLines(lines);
    expect(more).toEqual([]);
    expect(emf!._aws.CloudWatchMetrics[0]!.Namespace).toBe(METRICS_NAMESPACE);
    expect(emf).toMatchObject({
      service: OBSERVED_SERVICES.archiveTransform,
      [BATCH_METRICS.eventsIn]: events.length + 1,
      [BATCH_METRICS.badRows]: 1,
      [BATCH_METRICS.writes]: events.length,
      [BATCH_METRICS.retries]: 0,
      [BATCH_METRICS.lag]: 3_000,
    });
    expect(emf![BATCH_METRICS.latency]).toBeGreaterThan(0);
    const [log] = logLines(lines);
    expect(log).toMatchObject({ message: 'archive batch transformed', invocationId: 'invocation-observed', records: events.length + 1, events: events.length, skippedLines: 1, droppedRecords: 1, lagMs: 3_000 });
  });
});
