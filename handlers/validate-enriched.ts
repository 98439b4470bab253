import { KinesisClient } from '@aws-sdk/client-kinesis';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { parseEnrichedEventStrict } from '../lib/snowplow';
import { BAD_ROWS_STREAM } from '../stacks/config';
import { KinesisBadRowSink, readKinesisRecord, type BadRow } from './shared';
import { SDK_CLIENT_DEFAULTS } from './shared/sdkClientDefaults';

/** What {@link createValidateEnrichedHandler} needs: where bad rows go. */
export interface ValidateEnrichedOptions {
  /** The client bad rows are written with. */
  readonly kinesis: KinesisClient;
  /** The bad-rows stream. */
  readonly badRowsStreamName: string;
  /** The clock in generic-error bad rows. @default () => new Date() */
  readonly now?: () => Date;
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
  const sink = new KinesisBadRowSink({ kinesis: options.kinesis, streamName: options.badRowsStreamName });
  return async (event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> => {
    const rows: BadRow[] = event.Records.flatMap((record) => readKinesisRecord(record, parseEnrichedEventStrict, now).badRows);
    const failed = await sink.send(rows);
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
    kinesis: new KinesisClient({ ...SDK_CLIENT_DEFAULTS }),
    badRowsStreamName: process.env.BAD_ROWS_STREAM_NAME ?? BAD_ROWS_STREAM.streamName,
  });
  return deployed(event);
};
