import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { FirehoseTransformationEvent, FirehoseTransformationResult, FirehoseTransformationResultRecord } from 'aws-lambda';
import { IP_ADDRESS_MODES, Pseudonymiser, pseudonymousEventRow, type IpAddressMode, type PseudonymisationKeyProvider } from '../lib/privacy';
import { decodeRecord, parseEnrichedEventStrict } from '../lib/snowplow';
import { SecretsManagerKeyProvider } from '../stores/privacy';
import { createObservability, OBSERVED_SERVICES, publishBatchMetrics, traceInvocation, type Observability } from './shared/observability';
import { SDK_CLIENT_DEFAULTS } from './shared/sdkClientDefaults';

/** The Firehose dynamic-partitioning key the transform sets: the collector date, `YYYY-MM-DD`. */
export const ARCHIVE_PARTITION_KEY = 'date';

/** Environment variables of the deployed transform. */
export const ARCHIVE_TRANSFORM_ENV = {
  /** The ARN of the Secrets Manager secret holding the pseudonymisation key. */
  secretArn: 'PSEUDONYMISATION_SECRET_ARN',
  /** `hash` or `truncate`: how IP addresses are pseudonymised. */
  ipAddresses: 'PSEUDONYMISE_IP_ADDRESSES',
} as const;

/** What one transform call did. */
export interface ArchiveTransformCounts {
  readonly records: number;
  readonly events: number;
  /** Lines not archived: they do not parse (the report consumer sends them to bad rows) or have no collector_tstamp. */
  readonly skippedLines: number;
  /** Records with no archivable line, returned as `Dropped`. */
  readonly droppedRecords: number;
}

/**
 * The events archive's Firehose transform, pure: each Kinesis record of the enriched stream (one
 * or many TSV lines, plain, gzip or zstd) becomes newline-delimited JSON rows of the lake's
 * columns with the personal fields pseudonymised, partitioned by the collector date of its first
 * archivable line (a record's lines come from one Enrich batch, so they share a date except
 * across midnight). A record with no archivable line is `Dropped`: its lines are bad rows, which
 * the report consumer sends to the bad-rows stream. Several JSON documents in one record are valid
 * input to the Parquet conversion, and its OpenX JSON SerDe reads `YYYY-MM-DD hh:mm:ss.fff` as a
 * timestamp.
 *
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
 * @see https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
 * @see https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html
 */
export function transformArchiveRecords(event: FirehoseTransformationEvent, pseudonymiser: Pseudonymiser): { result: FirehoseTransformationResult; counts: ArchiveTransformCounts } {
  let events = 0;
  let skippedLines = 0;
  let droppedRecords = 0;
  const records = event.records.map((record): FirehoseTransformationResultRecord => {
    const decoded = decodeRecord(Buffer.from(record.data, 'base64'));
    const rows: string[] = [];
    let date: string | undefined;
    if (decoded.ok) {
      for (const line of decoded.lines) {
        const parsed = parseEnrichedEventStrict(line);
        if (!parsed.ok || parsed.event.collector_tstamp === null || parsed.event.event_id === null) {
          skippedLines++;
          continue;
        }
        const row = pseudonymousEventRow(parsed.event, pseudonymiser);
        date ??= (row.collector_tstamp as string).slice(0, 10);
        rows.push(JSON.stringify(row));
      }
    }
    if (date === undefined) {
      droppedRecords++;
      return { recordId: record.recordId, result: 'Dropped', data: record.data };
    }
    events += rows.length;
    return {
      recordId: record.recordId,
      result: 'Ok',
      data: Buffer.from(`${rows.join('\n')}\n`, 'utf8').toString('base64'),
      metadata: { partitionKeys: { [ARCHIVE_PARTITION_KEY]: date } },
    };
  });
  return { result: { records }, counts: { records: event.records.length, events, skippedLines, droppedRecords } };
}

/** Options of {@link createArchiveTransformHandler}. */
export interface ArchiveTransformOptions {
  /** Where the pseudonymisation key comes from. */
  readonly keyProvider: PseudonymisationKeyProvider;
  /** @default 'hash' */
  readonly ipAddresses?: IpAddressMode;
  /** @default new Logger({ serviceName: 'snowline-archive-transform' }) */
  readonly logger?: Logger;
  /**
   * Where each invocation's `BATCH_METRICS` go (one EMF line: lines in, bad lines skipped, rows
   * archived, lag, latency); `null`: none.
   *
   * @default new Metrics({ namespace: 'Snowline', serviceName: 'snowline-archive-transform' })
   */
  readonly metrics?: Metrics | null;
  /** The clock of the lag, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/** How long the oldest record of a Firehose batch waited, ms (never negative). */
function firehoseLagMs(event: FirehoseTransformationEvent, nowMs: number): number | null {
  if (event.records.length === 0) return null;
  return Math.max(0, nowMs - Math.min(...event.records.map((record) => record.approximateArrivalTimestamp)));
}

/** The transform as a handler: the key is read on the first call, then kept. */
export function createArchiveTransformHandler(options: ArchiveTransformOptions) {
  const { logger, metrics } = createObservability(OBSERVED_SERVICES.archiveTransform, options);
  const now = options.now ?? Date.now;
  let pseudonymiser: Promise<Pseudonymiser> | undefined;
  return async (event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> => {
    const started = performance.now();
    pseudonymiser ??= Pseudonymiser.fromProvider(options.keyProvider, { ipAddresses: options.ipAddresses ?? 'hash' }).catch((error: unknown) => {
      pseudonymiser = undefined;
      throw error;
    });
    const { result, counts } = transformArchiveRecords(event, await pseudonymiser);
    const lagMs = firehoseLagMs(event, now());
    logger.info('archive batch transformed', { invocationId: event.invocationId, ...counts, lagMs });
    publishBatchMetrics(metrics, {
      eventsIn: counts.events + counts.skippedLines,
      badRows: counts.skippedLines,
      writes: counts.events,
      retries: 0,
      lagMs,
      latencyMs: performance.now() - started,
    });
    return result;
  };
}

/** `PSEUDONYMISE_IP_ADDRESSES`, checked. */
function ipAddressMode(value: string | undefined): IpAddressMode {
  if (value === undefined || value === '') return 'hash';
  if (!(IP_ADDRESS_MODES as readonly string[]).includes(value)) throw new Error(`${ARCHIVE_TRANSFORM_ENV.ipAddresses}: expected ${IP_ADDRESS_MODES.join(' or ')}, got "${value}"`);
  return value as IpAddressMode;
}

let deployed: ReturnType<typeof createArchiveTransformHandler> | undefined;
let observability: Observability | undefined;

/**
 * The Lambda entry point: reads the key from the secret `PSEUDONYMISATION_SECRET_ARN` and the IP
 * address mode from `PSEUDONYMISE_IP_ADDRESSES` (`hash` by default, or `truncate`). Its logs,
 * metrics and X-Ray traces come from `handlers/shared/observability`.
 */
export const handler = (event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> => {
  if (deployed === undefined) {
    observability = createObservability(OBSERVED_SERVICES.archiveTransform);
    deployed = createArchiveTransformHandler({
      ...observability,
      keyProvider: new SecretsManagerKeyProvider({
        secretId: process.env[ARCHIVE_TRANSFORM_ENV.secretArn] ?? '',
        secretsManager: observability.tracer.captureAWSv3Client(new SecretsManagerClient({ ...SDK_CLIENT_DEFAULTS })),
      }),
      ipAddresses: ipAddressMode(process.env[ARCHIVE_TRANSFORM_ENV.ipAddresses]),
    });
  }
  const run = deployed;
  return traceInvocation(observability!.tracer, () => run(event));
};
