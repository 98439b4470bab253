import { createHash } from 'node:crypto';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { buildMappingIdentity, toKinesisStreamRecord } from '../../local/esm';
import { ENRICHED_STREAM } from '../../stacks/config';

/** A line to put, with the partition key Snowplow's producers use (`domain_userid`). */
export interface KeyedLine {
  readonly line: string;
  readonly partitionKey: string;
}

const IDENTITY = buildMappingIdentity({ region: 'us-east-1', account: '000000000000', streamName: ENRICHED_STREAM.streamName, functionName: 'reports' });
/** A Kinesis-like sequence number base (56 digits); each shard counts up from it. */
const SEQUENCE_BASE = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;
const HASH_SPACE = 1n << 128n;

/**
 * The shard Kinesis puts a partition key in, when `shards` shards split the 128-bit hash key
 * space evenly (as CreateStream does): the MD5 of the key, read as an unsigned integer.
 *
 * @see https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
 */
export function shardIndexOf(partitionKey: string, shards: number): number {
  const hashKey = BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
  return Number((hashKey * BigInt(shards)) / HASH_SPACE);
}

/**
 * The KinesisStreamEvents Lambda would invoke the report handler with for these lines: each
 * line goes to its key's shard, shards keep their order and number their records, and each
 * shard's records are cut into batches of `batchSize`. The batches of the shards alternate, as
 * they would arrive from shards polled side by side.
 *
 * @example
 * const events = shardBatches(lines, 2, 500); // 20,000 lines: about 40 events of up to 500 records
 */
export function shardBatches(lines: readonly KeyedLine[], shards: number, batchSize: number): KinesisStreamEvent[] {
  const byShard: KinesisStreamRecord[][] = Array.from({ length: shards }, () => []);
  const arrival = new Date(Date.UTC(2026, 10, 22, 10));
  for (const { line, partitionKey } of lines) {
    const shard = shardIndexOf(partitionKey, shards);
    const records = byShard[shard]!;
    const shardId = `shardId-${String(shard).padStart(12, '0')}`;
    const sequenceNumber = (SEQUENCE_BASE + BigInt(records.length)).toString();
    records.push(toKinesisStreamRecord({ Data: Buffer.from(line), SequenceNumber: sequenceNumber, PartitionKey: partitionKey, ApproximateArrivalTimestamp: arrival }, shardId, IDENTITY));
  }
  const perShard = byShard.map((records) => {
    const batches: KinesisStreamEvent[] = [];
    for (let i = 0; i < records.length; i += batchSize) batches.push({ Records: records.slice(i, i + batchSize) });
    return batches;
  });
  const events: KinesisStreamEvent[] = [];
  for (let i = 0; i < Math.max(...perShard.map((b) => b.length)); i++) {
    for (const batches of perShard) if (i < batches.length) events.push(batches[i]!);
  }
  return events;
}
