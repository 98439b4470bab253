import type { KinesisStreamRecord } from 'aws-lambda';

/** What a log line and the lag metric say about one shard's records of a batch. */
export interface KinesisBatchContext {
  /** The shard, from Lambda's `eventID` (`<shardId>:<sequenceNumber>`). */
  readonly shardId: string;
  /** The first record's sequence number. */
  readonly firstSequenceNumber: string;
  /** The last record's sequence number. */
  readonly lastSequenceNumber: string;
  /** How many records. */
  readonly records: number;
  /** `now` minus the oldest record's `approximateArrivalTimestamp`, ms (never negative): Lambda's IteratorAge for this batch. */
  readonly iteratorAgeMs: number;
}

/** The shard of a record, from Lambda's `eventID` (`<shardId>:<sequenceNumber>`). */
export function shardOfRecord(record: KinesisStreamRecord): string {
  const colon = record.eventID.indexOf(':');
  return colon < 0 ? record.eventID : record.eventID.slice(0, colon);
}

/**
 * The shard, sequence range and iterator age of one shard's records, in delivery order.
 *
 * @param records one shard's records of a batch, at least one
 * @param nowMs the clock, epoch ms
 * @example
 * ```ts
 * logger.info('batch applied', { ...kinesisBatchContext(records, Date.now()), events: 12 });
 * ```
 */
export function kinesisBatchContext(records: readonly KinesisStreamRecord[], nowMs: number): KinesisBatchContext {
  if (records.length === 0) throw new RangeError('kinesisBatchContext: expected at least one record, got none');
  let oldestSeconds = Infinity;
  for (const record of records) oldestSeconds = Math.min(oldestSeconds, record.kinesis.approximateArrivalTimestamp);
  return {
    shardId: shardOfRecord(records[0]!),
    firstSequenceNumber: records[0]!.kinesis.sequenceNumber,
    lastSequenceNumber: records[records.length - 1]!.kinesis.sequenceNumber,
    records: records.length,
    iteratorAgeMs: Number.isFinite(oldestSeconds) ? Math.max(0, Math.round(nowMs - oldestSeconds * 1000)) : 0,
  };
}
