import type { KinesisStreamRecord } from 'aws-lambda';
import { MAX_PAYLOAD_BYTES } from './constants';

/** A fetched record waiting for its batch's outcome. */
export interface BufferedRecord {
  readonly record: KinesisStreamRecord;
  /** ApproximateArrivalTimestamp in epoch milliseconds. */
  readonly arrivalMs: number;
  /** Its share of the invocation payload. */
  readonly bytes: number;
  /** Invocations that included it so far. */
  invokes: number;
}

/**
 * One shard's fetched, undecided records in sequence order, and the sizes of bisected ranges
 * still to run (each range starts where the previous one ends, at the head).
 */
export class RecordBuffer {
  private readonly records: BufferedRecord[] = [];
  private readonly ranges: number[] = [];

  /** Records held. */
  get length(): number {
    return this.records.length;
  }

  /** The size of the next bisected range, if a bisection is under way. */
  get nextRange(): number | undefined {
    return this.ranges[0];
  }

  /** Appends a fetched record. */
  push(record: KinesisStreamRecord, arrivalMs: number): void {
    this.records.push({ record, arrivalMs, bytes: Buffer.byteLength(JSON.stringify(record)) + 1, invokes: 0 });
  }

  /** The first `count` records. */
  head(count: number): readonly BufferedRecord[] {
    return this.records.slice(0, count);
  }

  /** How many head records make a batch: at most `batchSize`, within Lambda's payload limit. */
  fit(batchSize: number): number {
    const count = Math.min(this.records.length, batchSize);
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      bytes += this.records[i]!.bytes;
      if (bytes > MAX_PAYLOAD_BYTES) return Math.max(1, i);
    }
    return count;
  }

  /** How many of the first `count` records are older than `maxAgeMs` at `now`. */
  expiredPrefix(count: number, now: number, maxAgeMs: number): number {
    let expired = 0;
    while (expired < count && now - this.records[expired]!.arrivalMs > maxAgeMs) expired++;
    return expired;
  }

  /** Replaces the failed head batch of `size` records by its two halves. */
  split(size: number): void {
    const left = Math.ceil(size / 2);
    if (this.ranges.length > 0) this.ranges.shift();
    this.ranges.unshift(left, size - left);
  }

  /** Removes the first `count` records, whose outcome is decided, and shrinks the ranges they were in. */
  drop(count: number): void {
    this.records.splice(0, count);
    let left = count;
    while (left > 0 && this.ranges.length > 0) {
      const take = Math.min(left, this.ranges[0]!);
      this.ranges[0]! -= take;
      left -= take;
      if (this.ranges[0] === 0) this.ranges.shift();
    }
  }
}
