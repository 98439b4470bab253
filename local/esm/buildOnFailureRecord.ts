import type { KinesisStreamRecord } from 'aws-lambda';
import { EXECUTED_VERSION, SCHEMA_VERSION, type FailureCondition } from './constants';
import type { MappingIdentity, OnFailureRecord } from './types';

/** What is known about the discarded records' last invocation. */
export interface FailureDetails {
  readonly condition: FailureCondition;
  /** The last invocation's request id; a fresh one when the records were never invoked. */
  readonly requestId: string;
  /** Invocations that included these records. */
  readonly approximateInvokeCount: number;
  /** `Unhandled` when the last invocation threw. */
  readonly functionError: string | undefined;
  /** When the record is sent, in epoch milliseconds. */
  readonly now: number;
}

function isoFromSeconds(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/**
 * Builds the document Lambda sends to an on-failure destination for discarded Kinesis records:
 * metadata only (shard, sequence range, arrival times), never the data itself.
 *
 * @example
 * // {
 * //   requestContext: { requestId: 'cf6f...', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:reports',
 * //                     condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 },
 * //   responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
 * //   version: '1.0', timestamp: '2026-01-10T22:06:23.446Z',
 * //   KinesisBatchInfo: { shardId: 'shardId-000000000000', startSequenceNumber: '4964...', endSequenceNumber: '4964...',
 * //     approximateArrivalOfFirstRecord: '2026-01-10T22:05:59.280Z', approximateArrivalOfLastRecord: '2026-01-10T22:06:19.196Z',
 * //     batchSize: 3, streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/snowline-enriched' }
 * // }
 * @see https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
 */
export function buildOnFailureRecord(
  records: readonly KinesisStreamRecord[],
  shardId: string,
  identity: MappingIdentity,
  details: FailureDetails,
): OnFailureRecord {
  const first = records[0]!;
  const last = records[records.length - 1]!;
  return {
    requestContext: {
      requestId: details.requestId,
      functionArn: identity.functionArn,
      condition: details.condition,
      approximateInvokeCount: details.approximateInvokeCount,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: EXECUTED_VERSION,
      ...(details.functionError === undefined ? {} : { functionError: details.functionError }),
    },
    version: SCHEMA_VERSION,
    timestamp: new Date(details.now).toISOString(),
    KinesisBatchInfo: {
      shardId,
      startSequenceNumber: first.kinesis.sequenceNumber,
      endSequenceNumber: last.kinesis.sequenceNumber,
      approximateArrivalOfFirstRecord: isoFromSeconds(first.kinesis.approximateArrivalTimestamp),
      approximateArrivalOfLastRecord: isoFromSeconds(last.kinesis.approximateArrivalTimestamp),
      batchSize: records.length,
      streamArn: identity.streamArn,
    },
  };
}
