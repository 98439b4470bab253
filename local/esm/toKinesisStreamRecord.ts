import type { _Record } from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import { SCHEMA_VERSION } from './constants';
import type { MappingIdentity } from './types';

/**
 * Turns a GetRecords record into the record Lambda puts in a KinesisStreamEvent: data in base64,
 * arrival time in epoch seconds with millisecond precision.
 *
 * @example
 * // {
 * //   kinesis: { kinesisSchemaVersion: '1.0', partitionKey: '1', sequenceNumber: '4959...',
 * //              data: 'SGVsbG8=', approximateArrivalTimestamp: 1545084650.987 },
 * //   eventSource: 'aws:kinesis', eventVersion: '1.0',
 * //   eventID: 'shardId-000000000006:4959...', eventName: 'aws:kinesis:record',
 * //   invokeIdentityArn: 'arn:aws:iam::000000000000:role/reports-role', awsRegion: 'us-east-1',
 * //   eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/snowline-enriched'
 * // }
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export function toKinesisStreamRecord(record: _Record, shardId: string, identity: MappingIdentity): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber ?? '';
  const arrivalMs = record.ApproximateArrivalTimestamp?.getTime() ?? 0;
  return {
    kinesis: {
      kinesisSchemaVersion: SCHEMA_VERSION,
      partitionKey: record.PartitionKey ?? '',
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
      approximateArrivalTimestamp: arrivalMs / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: SCHEMA_VERSION,
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: identity.invokeIdentityArn,
    awsRegion: identity.region,
    eventSourceARN: identity.streamArn,
  };
}
