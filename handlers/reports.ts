import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { aggregateBatch, padSequenceNumber, type AggregationOptions, type BatchRecord, type ReportEvent } from '../lib/reports';
import { eventTime, InvalidFieldError, loaderParsingErrorBadRow, parseEnrichedEvent } from '../lib/snowplow';
import { BAD_ROWS_STREAM, REPORTS_TABLE } from '../stacks/config';
import { DynamoReportStore, type ReportWriter } from '../stores/reports';
import { KinesisBadRowSink, readKinesisRecord, readNumberEnv, type BadRow, type BadRowSink } from './shared';
import { createObservability, kinesisBatchContext, OBSERVED_SERVICES, publishBatchMetrics, type Observability, shardOfRecord, traceInvocation } from './shared/observability';
import { SDK_CLIENT_DEFAULTS } from './shared/sdkClientDefaults';

/** What {@link createReportsHandler} needs. */
export interface ReportsHandlerOptions {
  /** Where the reports are written. */
  readonly store: ReportWriter;
  /** Where records and lines that cannot be read go. */
  readonly badRows: BadRowSink;
  /** Allowed lateness, minute TTL, fingerprints kept. @default see AggregationOptions */
  readonly aggregation?: AggregationOptions;
  /** Structured JSON logs, one line per shard of a batch (shard, sequence range, iterator age). @default new Logger({ serviceName: 'snowline-reports' }) */
  readonly logger?: Logger;
  /**
   * Where each invocation's `BATCH_METRICS` go (one EMF line); `null`: none (`snowline up`).
   *
   * @default new Metrics({ namespace: 'Snowline', serviceName: 'snowline-reports' })
   */
  readonly metrics?: Metrics | null;
  /** The clock in generic-error bad rows and of the iterator age. @default () => new Date() */
  readonly now?: () => Date;
}

const NO_EVENT_TIME = 'a timestamp (an event needs derived_tstamp or collector_tstamp to have a window)';

/** The lowest of some sequence numbers, or undefined. */
function lowest(sequenceNumbers: Iterable<string>): string | undefined {
  let best: { padded: string; sequenceNumber: string } | undefined;
  for (const sequenceNumber of sequenceNumbers) {
    const padded = padSequenceNumber(sequenceNumber);
    if (best === undefined || padded < best.padded) best = { padded, sequenceNumber };
  }
  return best?.sequenceNumber;
}

/** Decodes and parses a shard's records: the events to count by record, and the bad rows. */
function readRecords(records: readonly KinesisStreamRecord[], now: () => Date): { batch: BatchRecord[]; badRows: BadRow[] } {
  const batch: BatchRecord[] = [];
  const badRows: BadRow[] = [];
  for (const record of records) {
    const read = readKinesisRecord(record, parseEnrichedEvent, now);
    badRows.push(...read.badRows);
    const events: ReportEvent[] = [];
    for (const event of read.events) {
      if (eventTime(event) !== null) events.push(event);
      else {
        const badRow = loaderParsingErrorBadRow(event.line, [new InvalidFieldError('collector_tstamp', '', NO_EVENT_TIME)]);
        badRows.push({ json: JSON.stringify(badRow), partitionKey: record.kinesis.partitionKey, sequenceNumber: record.kinesis.sequenceNumber });
      }
    }
    batch.push({ sequenceNumber: record.kinesis.sequenceNumber, events });
  }
  return { batch, badRows };
}

/**
 * The report Lambda for the enriched stream: decodes and parses each record (the hot-path
 * parser), sends what cannot be read to the bad-rows stream, aggregates the batch against the
 * shard's state and applies it to the store exactly once in effect. Returns the lowest record
 * that must be retried as `batchItemFailures` (ReportBatchItemFailures), never throws for a
 * write that failed: the marks make the retry skip what was written.
 *
 * @example
 * const handler = createReportsHandler({
 *   store: new DynamoReportStore({ dynamodb: new DynamoDBClient({}) }),
 *   badRows: new KinesisBadRowSink({ kinesis: new KinesisClient({ requestHandler: new NodeHttpHandler() }), streamName: 'snowline-bad-rows' }),
 * });
 */
export function createReportsHandler(options: ReportsHandlerOptions) {
  const { logger, metrics } = createObservability(OBSERVED_SERVICES.reports, options);
  const now = options.now ?? (() => new Date());
  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const started = performance.now();
    const totals = { eventsIn: 0, badRows: 0, writes: 0, lagMs: 0 };
    const shards = new Map<string, KinesisStreamRecord[]>();
    for (const record of event.Records) {
      const shardId = shardOfRecord(record);
      shards.set(shardId, [...(shards.get(shardId) ?? []), record]);
    }
    const failures: string[] = [];
    for (const [shardId, records] of shards) {
      const { batch, badRows: allBadRows } = readRecords(records, now);
      const context = kinesisBatchContext(records, now().getTime());
      const first = context.firstSequenceNumber;
      totals.eventsIn += allBadRows.length + batch.reduce((n, record) => n + record.events.length, 0);
      totals.badRows += allBadRows.length;
      totals.lagMs = Math.max(totals.lagMs, context.iteratorAgeMs);
      let state;
      try {
        state = await options.store.readShardState(shardId);
      } catch (error) {
        logger.error('shard state could not be read; retrying the batch', { ...context, error: error as Error });
        failures.push(first);
        continue;
      }
      // A record at or below the high-water mark was fully processed, its bad rows included: a replay does not send them again.
      const mark = state.highWaterMark;
      const badRows = mark === null ? allBadRows : allBadRows.filter((row) => padSequenceNumber(row.sequenceNumber) > mark);
      const badRowFailure = lowest(await options.badRows.send(badRows));
      const plan = aggregateBatch(batch, state, options.aggregation);
      const result = await options.store.apply(shardId, plan, badRowFailure === undefined ? {} : { failedSequenceNumber: badRowFailure });
      totals.writes += result.counterUpdates + result.sketchUpdates;
      const summary = {
        ...context,
        skippedRecords: plan.skippedRecords, events: plan.events, counted: plan.counted, duplicates: plan.duplicates, late: plan.late,
        badRows: badRows.length, counterItems: plan.counters.length, sketchItems: plan.sketches.length,
        counterUpdates: result.counterUpdates, counterSkips: result.counterSkips, sketchUpdates: result.sketchUpdates,
        newestEventTime: plan.newestEventTimeMs === null ? null : new Date(plan.newestEventTimeMs).toISOString(),
        failedSequenceNumber: result.failedSequenceNumber,
      };
      if (result.failedSequenceNumber === null) logger.info('batch applied', summary);
      else {
        logger.warn('batch partly applied; retrying from the failed record', {
          ...summary,
          failures: result.failures.map((f) => ({ pk: f.pk, sk: f.sk, sequenceNumber: f.sequenceNumber, error: f.error.message })),
        });
        failures.push(result.failedSequenceNumber);
      }
    }
    publishBatchMetrics(metrics, { ...totals, retries: failures.length, latencyMs: performance.now() - started });
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

let deployed: ReturnType<typeof createReportsHandler> | undefined;
let observability: Observability | undefined;

/**
 * The Lambda entry point. Reads `REPORTS_TABLE` (default `snowline-reports`), `BAD_ROWS_STREAM`
 * (default `snowline-bad-rows`), `MINUTE_ROW_TTL_DAYS` (default 7) and
 * `ALLOWED_LATENESS_SECONDS` (default 86400); the SDK clients take their endpoints and
 * credentials from the SDK's own environment (e.g. `AWS_ENDPOINT_URL_DYNAMODB`). Kinesis is
 * spoken over HTTP/1.1 (PutRecords needs nothing more), so the same code runs against kinesalite.
 * Logs, metrics (namespace `Snowline`, service `snowline-reports`) and X-Ray traces of both
 * clients' calls come from `handlers/shared/observability`.
 */
export const handler = (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
  if (deployed === undefined) {
    const ttlDays = readNumberEnv('MINUTE_ROW_TTL_DAYS');
    const latenessSeconds = readNumberEnv('ALLOWED_LATENESS_SECONDS');
    observability = createObservability(OBSERVED_SERVICES.reports);
    const { tracer } = observability;
    deployed = createReportsHandler({
      ...observability,
      store: new DynamoReportStore({ dynamodb: tracer.captureAWSv3Client(new DynamoDBClient({ ...SDK_CLIENT_DEFAULTS })), tableName: process.env.REPORTS_TABLE || REPORTS_TABLE.tableName }),
      badRows: new KinesisBadRowSink({
        kinesis: tracer.captureAWSv3Client(new KinesisClient({ ...SDK_CLIENT_DEFAULTS, requestHandler: new NodeHttpHandler() })),
        streamName: process.env.BAD_ROWS_STREAM || BAD_ROWS_STREAM.streamName,
      }),
      aggregation: {
        ...(ttlDays === undefined ? {} : { minuteTtlSeconds: Math.round(ttlDays * 86_400) }),
        ...(latenessSeconds === undefined ? {} : { allowedLatenessMs: Math.round(latenessSeconds * 1000) }),
      },
    });
  }
  const run = deployed;
  return traceInvocation(observability!.tracer, () => run(event));
};
