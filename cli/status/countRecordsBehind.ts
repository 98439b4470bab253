import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { RECORDS_BEHIND_CAP } from './constants';

/** Records behind a checkpoint, and whether the count stopped at the cap. */
export interface RecordsBehind {
  readonly count: number;
  readonly capped: boolean;
}

/**
 * How many records the shard holds after `checkpoint` (all of them without one): one GetRecords
 * from `AFTER_SEQUENCE_NUMBER` (or `TRIM_HORIZON`) with the largest limit, so at most
 * {@link RECORDS_BEHIND_CAP} are counted.
 */
export async function countRecordsBehind(
  kinesis: KinesisClient,
  streamName: string,
  shardId: string,
  checkpoint: string | null | undefined,
): Promise<RecordsBehind> {
  const { ShardIterator } = await kinesis.send(
    new GetShardIteratorCommand({
      StreamName: streamName,
      ShardId: shardId,
      ...(checkpoint ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: checkpoint } : { ShardIteratorType: 'TRIM_HORIZON' }),
    }),
  );
  if (!ShardIterator) return { count: 0, capped: false };
  const { Records = [], MillisBehindLatest = 0 } = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: RECORDS_BEHIND_CAP }));
  return { count: Records.length, capped: Records.length >= RECORDS_BEHIND_CAP || (Records.length > 0 && MillisBehindLatest > 0) };
}
