import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { decodeRecord, genericErrorBadRow, parseEnrichedEventStrict } from '../lib/snowplow';
import { BAD_ROWS_STREAM } from '../stacks/config';

/** What {@link createValidateEnrichedHandler} needs: where bad rows go. */
export interface ValidateEnrichedOptions {
  /** The client bad rows are written with. */
  readonly kinesis: KinesisClient;
  /** The bad-rows stream. */
  readonly badRowsStreamName: string;
  /** The clock in generic-error bad rows. @default () => new Date() */
  readonly now?: () => Date;
}

/** PutRecords takes at most 500 records a call. */
const PUT_RECORDS_LIMIT = 500;

/** The bad rows (as JSON) of one Kinesis record: a generic error for unreadable bytes, else one per unparseable line. */
function badRowsOf(record: KinesisStreamRecord, now: () => Date): string[] {
  const data = Buffer.from(record.kinesis.data, 'base64');
  const decoded = decodeRecord(data);
  if (!decoded.ok) return [JSON.stringify(genericErrorBadRow(data, [decoded.error], now()))];
  const rows: string[] = [];
  for (const line of decoded.lines) {
    const result = parseEnrichedEventStrict(line);
    if (!result.ok) rows.push(JSON.stringify(result.badRow));
  }
  return rows;
}

/**
 * A Kinesis handler for the enriched stream that checks each event with the foundation parser
 * and writes every record that cannot be read, or line that cannot be parsed, to the bad-rows
 * stream in Snowplow's bad-row JSON, so nothing blocks the shard and nothing is lost.
 *
 * With ReportBatchItemFailures, a record whose bad rows could not be written is reported, so
 * Lambda retries from it (its bad rows may then be written twice: delivery is at least once).
 *
 * @example
 * const handler = createValidateEnrichedHandler({ kinesis: new KinesisClient({}), badRowsStreamName: 'snowline-bad-rows' });
 */
export function createValidateEnrichedHandler(options: ValidateEnrichedOptions) {
  const now = options.now ?? (() => new Date());
  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const entries: { entry: PutRecordsRequestEntry; sequenceNumber: string }[] = [];
    for (const record of event.Records) {
      for (const row of badRowsOf(record, now)) {
        entries.push({
          entry: { Data: Buffer.from(row), PartitionKey: record.kinesis.partitionKey },
          sequenceNumber: record.kinesis.sequenceNumber,
        });
      }
    }
    const failed = new Set<string>();
    for (let i = 0; i < entries.length; i += PUT_RECORDS_LIMIT) {
      const chunk = entries.slice(i, i + PUT_RECORDS_LIMIT);
      const out = await options.kinesis.send(
        new PutRecordsCommand({ StreamName: options.badRowsStreamName, Records: chunk.map((c) => c.entry) }),
      );
      out.Records?.forEach((result, j) => {
        if (result.ErrorCode !== undefined) failed.add(chunk[j]!.sequenceNumber);
      });
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

let deployed: ReturnType<typeof createValidateEnrichedHandler> | undefined;

/**
 * The Lambda entry point: bad rows go to the stream named by `BAD_ROWS_STREAM_NAME` (default the
 * configured bad-rows stream), with a client configured from the environment like any Lambda's.
 */
export const handler = (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
  deployed ??= createValidateEnrichedHandler({
    kinesis: new KinesisClient({}),
    badRowsStreamName: process.env.BAD_ROWS_STREAM_NAME ?? BAD_ROWS_STREAM.streamName,
  });
  return deployed(event);
};
