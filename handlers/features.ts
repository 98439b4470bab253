import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { compileFeatureGroup, processFeatureBatch, type BatchEvent, type FeatureRecordWriter, type FeatureStateStore } from '../lib/features';
import { padSequenceNumber } from '../lib/reports';
import { eventTime, InvalidFieldError, loaderParsingErrorBadRow, parseEnrichedEvent, type EnrichedEventRecord } from '../lib/snowplow';
import { FEATURE_GROUPS } from '../schemas/feature-groups';
import type { FeatureGroupDeclaration } from '../schemas/feature-group-declaration';
import { BAD_ROWS_STREAM, FEATURE_STATE_TABLE } from '../stacks/config';
import { DynamoFeatureStateStore, FeatureStoreRecordWriter } from '../stores/features';
import { KinesisBadRowSink, readKinesisRecord, type BadRow, type BadRowSink } from './shared';
import { createObservability, kinesisBatchContext, OBSERVED_SERVICES, publishBatchMetrics, shardOfRecord, traceInvocation, type Observability } from './shared/observability';
import { SDK_CLIENT_DEFAULTS } from './shared/sdkClientDefaults';

/** What {@link createFeaturesHandler} needs. */
export interface FeaturesHandlerOptions {
  /** The per-entity window state. */
  readonly state: FeatureStateStore;
  /** Where computed records go (Feature Store's PutRecord). */
  readonly writer: FeatureRecordWriter;
  /** Where records and lines that cannot be read go. */
  readonly badRows: BadRowSink;
  /** The feature groups to compute. @default FEATURE_GROUPS */
  readonly featureGroups?: readonly FeatureGroupDeclaration[];
  /**
   * Whether records and lines that do not decode or parse (or have no event time) go to bad rows
   * too. @default false: the report handler on the same stream sends those, so this one sends only
   * the lines it alone rejects (invalid `derived_contexts`, which the report handler never reads),
   * and a bad row is not sent twice.
   */
  readonly sendUnreadable?: boolean;
  /** Requests (conditional state writes, PutRecords) in flight at once. Range 1-64. @default 32 */
  readonly concurrency?: number;
  /** Structured JSON logs, one line per shard of a batch (shard, sequence range, iterator age). @default new Logger({ serviceName: 'snowline-features' }) */
  readonly logger?: Logger;
  /**
   * Where each invocation's `BATCH_METRICS` go (one EMF line); `null`: none (`snowline up`).
   *
   * @default new Metrics({ namespace: 'Snowline', serviceName: 'snowline-features' })
   */
  readonly metrics?: Metrics | null;
  /** The clock in generic-error bad rows and of the iterator age. @default () => new Date() */
  readonly now?: () => Date;
}

const NO_EVENT_TIME = 'a timestamp (an event needs derived_tstamp or collector_tstamp to have an event time)';

/** Decodes and parses records: the events with their records, bad rows (invalid derived contexts; with `sendUnreadable`, what does not parse or has no event time too), and the lines read. */
function readRecords(records: readonly KinesisStreamRecord[], now: () => Date, sendUnreadable: boolean): { events: BatchEvent<EnrichedEventRecord>[]; badRows: BadRow[]; lines: number } {
  const events: BatchEvent<EnrichedEventRecord>[] = [];
  const badRows: BadRow[] = [];
  let lines = 0;
  for (const record of records) {
    const { partitionKey, sequenceNumber } = record.kinesis;
    const read = readKinesisRecord(record, parseEnrichedEvent, now);
    lines += read.events.length + read.badRows.length;
    if (sendUnreadable) badRows.push(...read.badRows);
    for (const event of read.events) {
      const t = eventTime(event);
      let problem: InvalidFieldError | undefined = t === null ? new InvalidFieldError('collector_tstamp', '', NO_EVENT_TIME) : undefined;
      try {
        void event.derived_contexts; // the device class is read from it: an invalid one makes the line a bad row
      } catch (error) {
        if (!(error instanceof InvalidFieldError)) throw error;
        problem = error;
      }
      if (problem === undefined) events.push({ event, line: event.line, eventTimeMs: t!, sequenceNumber, partitionKey });
      else if (sendUnreadable || t !== null) badRows.push({ json: JSON.stringify(loaderParsingErrorBadRow(event.line, [problem])), partitionKey, sequenceNumber });
    }
  }
  return { events, badRows, lines };
}

/**
 * The feature Lambda for the enriched stream: computes the feature groups (README, "Streaming
 * features") per entity from its window state, writes one PutRecord per entity per batch with
 * EventTime the entity's latest event time, and sends lines whose derived contexts are invalid to
 * the bad-rows stream (and, with `sendUnreadable`, whatever cannot be read).
 * An entity whose state or record could not be written (after retries) is reported by its lowest
 * record in `batchItemFailures`; the replay is harmless, since state entries are idempotent.
 *
 * @example
 * const handler = createFeaturesHandler({
 *   state: new DynamoFeatureStateStore({ dynamodb: new DynamoDBClient({}) }),
 *   writer: new FeatureStoreRecordWriter({ featureStore: new SageMakerFeatureStoreRuntimeClient({}) }),
 *   badRows: new KinesisBadRowSink({ kinesis: new KinesisClient({}), streamName: 'snowline-bad-rows' }),
 * });
 */
export function createFeaturesHandler(options: FeaturesHandlerOptions) {
  const { logger, metrics } = createObservability(OBSERVED_SERVICES.features, options);
  const now = options.now ?? (() => new Date());
  const groups = (options.featureGroups ?? FEATURE_GROUPS).map(compileFeatureGroup);
  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const started = performance.now();
    const totals = { eventsIn: 0, badRows: 0, writes: 0, lagMs: 0 };
    const shards = new Map<string, KinesisStreamRecord[]>();
    for (const record of event.Records) {
      const shardId = shardOfRecord(record);
      const list = shards.get(shardId);
      if (list === undefined) shards.set(shardId, [record]);
      else list.push(record);
    }
    const failures: string[] = [];
    for (const [shardId, records] of shards) {
      const { events, badRows, lines } = readRecords(records, now, options.sendUnreadable ?? false);
      const context = kinesisBatchContext(records, now().getTime());
      const candidates = [...(await options.badRows.send(badRows))];
      const result = await processFeatureBatch(events, { groups, state: options.state, writer: options.writer, shardId, concurrency: options.concurrency });
      if (result.failedSequenceNumber !== null) candidates.push(result.failedSequenceNumber);
      const failed = candidates.reduce<string | null>((low, s) => (low === null || padSequenceNumber(s) < padSequenceNumber(low) ? s : low), null);
      totals.eventsIn += lines;
      totals.badRows += badRows.length;
      totals.writes += result.stateWrites + result.records;
      totals.lagMs = Math.max(totals.lagMs, context.iteratorAgeMs);
      const summary = {
        ...context, events: events.length, badRows: badRows.length, entities: result.entities, ownedEntities: result.ownedEntities, putRecords: result.records,
        stateWrites: result.stateWrites, stateConflicts: result.stateConflicts, entriesAlreadyHeld: result.entriesAlreadyHeld,
        failedPutRecords: result.failures.filter((f) => f.stage === 'record').length, failedStateEntities: result.failures.filter((f) => f.stage === 'state').length,
        failedSequenceNumber: failed,
      };
      if (failed === null) logger.info('batch applied', summary);
      else {
        logger.warn('batch partly applied; retrying from the failed record', {
          ...summary,
          failures: result.failures.map((f) => ({ entity: f.entityKey, stage: f.stage, sequenceNumber: f.sequenceNumber, error: f.error.message })),
        });
        failures.push(failed);
      }
    }
    publishBatchMetrics(metrics, { ...totals, retries: failures.length, latencyMs: performance.now() - started });
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

let deployed: ReturnType<typeof createFeaturesHandler> | undefined;
let observability: Observability | undefined;

/** The deployed feature group names from `FEATURE_GROUP_<NAME>` variables (the features stack sets them), by declared name. */
export function featureGroupNamesFromEnv(env: NodeJS.ProcessEnv = process.env, groups: readonly FeatureGroupDeclaration[] = FEATURE_GROUPS): Record<string, string> {
  const names: Record<string, string> = {};
  for (const group of groups) {
    const deployed = env[`FEATURE_GROUP_${group.name.toUpperCase().replaceAll('-', '_')}`];
    if (deployed !== undefined && deployed !== '') names[group.name] = deployed;
  }
  return names;
}

/**
 * The Lambda entry point. Reads `FEATURE_STATE_TABLE` (default `snowline-feature-state`),
 * `BAD_ROWS_STREAM` (default `snowline-bad-rows`) and `FEATURE_GROUP_<NAME>` (each group's
 * deployed name, default the declared one). Its batch log line carries `failedPutRecords`, which
 * the features stack's metric filter sums; the SDK clients take their endpoints and
 * credentials from the SDK's own environment (e.g. `AWS_ENDPOINT_URL_SAGEMAKER_FEATURESTORE_RUNTIME`).
 * Logs, metrics (namespace `Snowline`, service `snowline-features`) and X-Ray traces of the
 * clients' calls come from `handlers/shared/observability`.
 */
export const handler = (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
  if (deployed === undefined) {
    observability = createObservability(OBSERVED_SERVICES.features);
    const { tracer } = observability;
    deployed = createFeaturesHandler({
      ...observability,
      state: new DynamoFeatureStateStore({ dynamodb: tracer.captureAWSv3Client(new DynamoDBClient({ ...SDK_CLIENT_DEFAULTS })), tableName: process.env.FEATURE_STATE_TABLE || FEATURE_STATE_TABLE.tableName }),
      writer: new FeatureStoreRecordWriter({ featureStore: tracer.captureAWSv3Client(new SageMakerFeatureStoreRuntimeClient({ ...SDK_CLIENT_DEFAULTS })), groupNames: featureGroupNamesFromEnv() }),
      badRows: new KinesisBadRowSink({
        kinesis: tracer.captureAWSv3Client(new KinesisClient({ ...SDK_CLIENT_DEFAULTS, requestHandler: new NodeHttpHandler() })),
        streamName: process.env.BAD_ROWS_STREAM || BAD_ROWS_STREAM.streamName,
      }),
    });
  }
  const run = deployed;
  return traceInvocation(observability!.tracer, () => run(event));
};
