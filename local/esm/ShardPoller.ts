import { randomUUID } from 'node:crypto';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { EventSourceSettings } from '../../stacks/config';
import { buildOnFailureRecord } from './buildOnFailureRecord';
import type { CheckpointStore } from './CheckpointStore';
import { FailureCondition, MAX_GET_RECORDS_LIMIT, ShardState } from './constants';
import { invokeHandler, type Invocation } from './invokeHandler';
import type { OnFailureDestination } from './OnFailureDestination';
import { RecordBuffer } from './RecordBuffer';
import { ShardReader, type StartPosition } from './ShardReader';
import { sleep } from './sleep';
import { toKinesisStreamRecord } from './toKinesisStreamRecord';
import type { Clock, KinesisBatchHandler, MappingIdentity, ShardStats } from './types';

/** Everything a {@link ShardPoller} needs; shared by all shards of a mapping except `shardId`. */
export interface ShardPollerOptions {
  readonly shardId: string;
  readonly client: KinesisClient;
  readonly settings: EventSourceSettings;
  readonly handler: KinesisBatchHandler;
  readonly identity: MappingIdentity;
  readonly checkpoints: CheckpointStore;
  readonly destination: OnFailureDestination;
  readonly pollIntervalMs: number;
  readonly retryDelayMs: number;
  readonly functionTimeoutMs: number | undefined;
  readonly clock: Clock;
  /** Aborted by stop() and abandon(): wakes every wait. */
  readonly signal: AbortSignal;
  /** True after abandon(): nothing more may be written. */
  readonly abandoned: () => boolean;
}

/**
 * Lambda's batching and error handling for one shard: one batch in flight, records in order,
 * batch size and batching window, ReportBatchItemFailures, bisection, retries, record age, the
 * on-failure destination, and a checkpoint once each batch's outcome is decided.

 */
export class ShardPoller {
  private readonly buffer = new RecordBuffer();
  private readonly reader: ShardReader;
  private retries = 0;
  private gatheringSince = 0;
  private lastInvocation: Invocation | undefined;
  private state: ShardState = ShardState.Starting;
  private counters = { recordsProcessed: 0, batches: 0, failedBatches: 0, recordsToOnFailure: 0 };
  private millisBehindLatest = 0;
  private iteratorAgeMs = 0;
  private lastError: string | undefined;
  private checkpoint: string | undefined;
  private startPosition: string | undefined;

  constructor(private readonly o: ShardPollerOptions) {
    this.reader = new ShardReader(o.client, o.identity.streamName, o.shardId, o.signal);
    this.checkpoint = o.checkpoints.get(o.shardId);
  }

  /** The shard this poller reads. */
  get shardId(): string {
    return this.o.shardId;
  }

  /** Opens the shard at the checkpoint or `start`; retries until it succeeds or the mapping stops. */
  async open(start: StartPosition): Promise<void> {
    const position: StartPosition =
      this.checkpoint === undefined ? start : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.checkpoint };
    while (!this.o.signal.aborted) {
      try {
        await this.reader.open(position);
        this.lastError = undefined;
        this.startPosition = this.reader.fellBack
          ? `TRIM_HORIZON (checkpoint ${this.checkpoint} is not from this stream)`
          : position.type === 'AFTER_SEQUENCE_NUMBER'
            ? `AFTER_SEQUENCE_NUMBER ${position.sequenceNumber}`
            : position.type;
        this.state = ShardState.Polling;
        return;
      } catch (err) {
        this.lastError = describe(err);
        await sleep(this.o.pollIntervalMs, this.o.signal);
      }
    }
  }

  /** Processes the shard until it is closed and fully processed, or the mapping stops. */
  async run(): Promise<void> {
    try {
      while (!this.o.signal.aborted) {
        const size = await this.nextBatchSize();
        if (this.o.signal.aborted) break;
        if (size === 0) {
          if (this.reader.ended && this.buffer.length === 0) {
            this.state = ShardState.Ended;
            return;
          }
          continue;
        }
        if (await this.discardExpired(size)) continue;
        await this.invoke(size);
      }
    } catch (err) {
      // A checkpoint or on-failure write failed: stop this shard rather than skip or lose records.
      this.lastError = describe(err);
    }
    this.state = ShardState.Stopped;
  }

  /** This shard's counters. */
  stats(): ShardStats {
    return {
      shardId: this.o.shardId,
      state: this.state,
      millisBehindLatest: this.millisBehindLatest,
      iteratorAgeMs: this.iteratorAgeMs,
      bufferedRecords: this.buffer.length,
      ...this.counters,
      startPosition: this.startPosition,
      checkpoint: this.checkpoint,
      lastError: this.lastError,
    };
  }

  /** Marks a shard that waits for its parents to finish. */
  waitForParents(): void {
    this.state = ShardState.Waiting;
  }

  private async nextBatchSize(): Promise<number> {
    const { batchSize } = this.o.settings;
    if (this.buffer.nextRange !== undefined) return this.buffer.nextRange;
    if (this.retries > 0 && this.buffer.length > 0) {
      // A retry goes at once, topped up with what is already available.
      if (this.buffer.length < batchSize) await this.fill();
      return this.buffer.fit(batchSize);
    }
    while (this.buffer.length === 0) {
      if (this.o.signal.aborted || this.reader.ended) return 0;
      if ((await this.fill()) === 0) await sleep(this.o.pollIntervalMs, this.o.signal);
    }
    const windowMs = this.o.settings.maximumBatchingWindowInSeconds * 1000;
    const full = () => this.buffer.fit(batchSize) < this.buffer.length || this.buffer.length >= batchSize;
    const remaining = () => this.gatheringSince + windowMs - performance.now();
    while (!full()) {
      if (remaining() <= 0 || this.o.signal.aborted || this.reader.ended) break;
      await this.fill();
      if (full()) break;
      // Lambda reads a shard about once a second: a read that found records waits too, or a
      // trickle of records would keep GetRecords in a tight loop for the whole window.
      await sleep(Math.max(0, Math.min(this.o.pollIntervalMs, remaining())), this.o.signal);
    }
    return this.buffer.fit(batchSize);
  }

  private async fill(): Promise<number> {
    const limit = Math.min(MAX_GET_RECORDS_LIMIT, Math.max(1, this.o.settings.batchSize - this.buffer.length));
    try {
      const { records, millisBehindLatest } = await this.reader.read(limit);
      this.millisBehindLatest = millisBehindLatest;
      this.lastError = undefined;
      if (records.length > 0 && this.buffer.length === 0) this.gatheringSince = performance.now();
      for (const raw of records) {
        const record = toKinesisStreamRecord(raw, this.o.shardId, this.o.identity);
        this.buffer.push(record, raw.ApproximateArrivalTimestamp?.getTime() ?? 0);
      }
      return records.length;
    } catch (err) {
      if (!this.o.signal.aborted) {
        this.lastError = describe(err);
        await sleep(this.o.pollIntervalMs, this.o.signal);
      }
      return 0;
    }
  }

  private async invoke(size: number): Promise<void> {
    const batch = this.buffer.head(size);
    for (const b of batch) b.invokes++;
    this.counters.batches++;
    this.state = ShardState.Invoking;
    this.iteratorAgeMs = Math.max(0, this.o.clock() - batch[batch.length - 1]!.arrivalMs);
    const invocation = await invokeHandler(
      this.o.handler,
      batch.map((b) => b.record),
      {
        identity: this.o.identity,
        reportBatchItemFailures: this.o.settings.reportBatchItemFailures,
        timeoutMs: this.o.functionTimeoutMs,
      },
    );
    if (this.o.abandoned()) return;
    this.lastInvocation = invocation;
    this.state = ShardState.Polling;
    const { outcome } = invocation;
    if (outcome.kind === 'success') {
      this.counters.recordsProcessed += size;
      this.retries = 0;
      await this.commit(size);
      return;
    }
    this.counters.failedBatches++;
    if (outcome.kind === 'partial') {
      // Lambda checkpoints before the lowest failed record and retries from it.
      if (outcome.failedIndex > 0) {
        this.counters.recordsProcessed += outcome.failedIndex;
        await this.commit(outcome.failedIndex);
      }
      await this.retryOrDiscard(size - outcome.failedIndex);
      return;
    }
    if (this.o.settings.bisectBatchOnFunctionError && size > 1) {
      // Splitting does not consume the retry quota.
      this.buffer.split(size);
      return;
    }
    await this.retryOrDiscard(size);
  }

  private async retryOrDiscard(failed: number): Promise<void> {
    this.retries++;
    const max = this.o.settings.maximumRetryAttempts;
    if (max !== -1 && this.retries > max) {
      await this.discard(failed, FailureCondition.RetryAttemptsExhausted);
      return;
    }
    this.state = ShardState.Retrying;
    await sleep(this.o.retryDelayMs, this.o.signal);
  }

  private async discardExpired(size: number): Promise<boolean> {
    const maxAgeSeconds = this.o.settings.maximumRecordAgeInSeconds;
    if (maxAgeSeconds === -1) return false;
    const expired = this.buffer.expiredPrefix(size, this.o.clock(), maxAgeSeconds * 1000);
    if (expired === 0) return false;
    await this.discard(expired, FailureCondition.RecordAgeExceeded);
    return true;
  }

  /** Sends the head records to the on-failure destination, then checkpoints past them. */
  private async discard(count: number, condition: FailureCondition): Promise<void> {
    const records = this.buffer.head(count);
    const invokes = Math.max(...records.map((r) => r.invokes));
    const last = invokes > 0 ? this.lastInvocation : undefined;
    const failure = buildOnFailureRecord(
      records.map((r) => r.record),
      this.o.shardId,
      this.o.identity,
      {
        condition,
        requestId: last?.requestId ?? randomUUID(),
        approximateInvokeCount: invokes,
        functionError: last?.functionError,
        now: this.o.clock(),
      },
    );
    if (this.o.abandoned()) return;
    await this.o.destination.send(failure);
    this.counters.recordsToOnFailure += count;
    this.retries = 0;
    await this.commit(count);
  }

  /** Checkpoints the `count`th head record and drops the decided records. */
  private async commit(count: number): Promise<void> {
    if (this.o.abandoned()) return;
    const sequenceNumber = this.buffer.head(count)[count - 1]!.record.kinesis.sequenceNumber;
    await this.o.checkpoints.save(this.o.shardId, sequenceNumber, this.o.clock());
    this.checkpoint = sequenceNumber;
    this.buffer.drop(count);
    this.gatheringSince = performance.now();
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
