import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  type KinesisClient,
  type _Record,
} from '@aws-sdk/client-kinesis';

/** Where a shard is read from: after a checkpoint, or a mapping's starting position. */
export type StartPosition =
  | { readonly type: 'AFTER_SEQUENCE_NUMBER'; readonly sequenceNumber: string }
  | { readonly type: 'TRIM_HORIZON' | 'LATEST' };

/** One GetRecords answer. */
export interface ReadResult {
  readonly records: readonly _Record[];
  readonly millisBehindLatest: number;
}

/**
 * Reads one shard forward with GetShardIterator/GetRecords, renewing an expired iterator after
 * the last record it returned, so the caller sees every record once and in order.
 */
export class ShardReader {
  /** True once the shard is closed and fully read (NextShardIterator is null). */
  ended = false;
  /** True when the checkpoint did not come from this stream (it was recreated) and reading restarted at TRIM_HORIZON. */
  fellBack = false;
  private iterator: string | undefined;
  private lastSequence: string | undefined;
  private start: StartPosition = { type: 'TRIM_HORIZON' };

  constructor(
    private readonly client: KinesisClient,
    private readonly streamName: string,
    readonly shardId: string,
    private readonly signal: AbortSignal,
  ) {}

  /** Gets the first iterator. */
  async open(position: StartPosition): Promise<void> {
    this.start = position;
    try {
      this.iterator = await this.getIterator(position);
    } catch (err) {
      if (position.type !== 'AFTER_SEQUENCE_NUMBER' || !(err instanceof InvalidArgumentException)) throw err;
      // A checkpoint from an earlier stream of the same name: everything in this one is new.
      this.fellBack = true;
      this.start = { type: 'TRIM_HORIZON' };
      this.iterator = await this.getIterator(this.start);
    }
  }

  /** Reads up to `limit` records; an empty answer means nothing new yet. */
  async read(limit: number): Promise<ReadResult> {
    if (this.ended) return { records: [], millisBehindLatest: 0 };
    if (this.iterator === undefined) {
      const position: StartPosition =
        this.lastSequence === undefined ? this.start : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.lastSequence };
      this.iterator = await this.getIterator(position);
    }
    let out;
    try {
      out = await this.client.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: limit }), {
        abortSignal: this.signal,
      });
    } catch (err) {
      if (!(err instanceof ExpiredIteratorException)) throw err;
      // Iterators live five minutes; a slow handler outlives one. Renew after the last record.
      this.iterator = undefined;
      return this.read(limit);
    }
    const records = out.Records ?? [];
    const last = records[records.length - 1];
    if (last?.SequenceNumber !== undefined) this.lastSequence = last.SequenceNumber;
    this.iterator = out.NextShardIterator ?? undefined;
    if (this.iterator === undefined) this.ended = true;
    return { records, millisBehindLatest: out.MillisBehindLatest ?? 0 };
  }

  private async getIterator(position: StartPosition): Promise<string> {
    const out = await this.client.send(
      new GetShardIteratorCommand({
        StreamName: this.streamName,
        ShardId: this.shardId,
        ShardIteratorType: position.type,
        ...(position.type === 'AFTER_SEQUENCE_NUMBER' ? { StartingSequenceNumber: position.sequenceNumber } : {}),
      }),
      { abortSignal: this.signal },
    );
    return out.ShardIterator!;
  }
}
