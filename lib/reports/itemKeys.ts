import { ATTRIBUTE_PREFIX, SPECIAL_PARTITIONS } from './constants';
import { REPORTS, type Granularity, type ReportName } from './definitions';
import { HASH_SEEDS, hashString } from './hashString';

/** The partition key of a report at a granularity: `<report>#<granularity>`. */
export function reportPartitionKey(report: ReportName, granularity: Granularity): string {
  return `${report}#${granularity}`;
}

/** The sort key of a window's bucket: `<window start ISO>#<bucket>`. */
export function windowSortKey(windowStartMs: number, bucket: number): string {
  return `${new Date(windowStartMs).toISOString()}#${bucket}`;
}

/** Which of a report's buckets a dimension value lives in: a hash of the value, so always the same one. */
export function bucketOf(report: ReportName | 'late_events', dimension: string): number {
  const buckets = report === SPECIAL_PARTITIONS.lateEvents ? 1 : REPORTS[report].buckets;
  return buckets === 1 ? 0 : hashString(dimension, HASH_SEEDS.bucket) % buckets;
}

/** The attribute holding a dimension value's count or sum. */
export function dimensionAttribute(dimension: string): string {
  return ATTRIBUTE_PREFIX.dimension + dimension;
}

/** The attribute holding a shard's high-water mark in an item. */
export function markAttribute(shardId: string): string {
  return ATTRIBUTE_PREFIX.mark + shardId;
}
