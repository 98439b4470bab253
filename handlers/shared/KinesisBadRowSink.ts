import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { withRetries, type RetryOptions } from '../../stores/shared';
import type { BadRow, BadRowSink } from './BadRowSink';

/** Options of {@link KinesisBadRowSink}. */
export interface KinesisBadRowSinkOptions {
  /** The client bad rows are written with. */
  readonly kinesis: KinesisClient;
  /** The bad-rows stream. */
  readonly streamName: string;
  /** Backoff of throttled calls and of records PutRecords rejects. @default withRetries' defaults, 4 attempts */
  readonly retry?: RetryOptions;
}

/** PutRecords takes at most 500 records and 5 MiB a call. */
const PUT_RECORDS_LIMIT = { records: 500, bytes: 5 * 1024 * 1024 } as const;

/** A record PutRecords rejected, as an error withRetries can judge (throttling and internal failures are transient). */
class RejectedRecordsError extends Error {
  constructor(readonly errorCode: string) {
    super(`PutRecords rejected records: ${errorCode}`);
    this.name = errorCode === 'ProvisionedThroughputExceededException' ? errorCode : 'InternalFailure';
  }
}

/**
 * Sends bad rows to a Kinesis stream with PutRecords, in calls of at most 500 records and 5 MiB.
 * Throttled calls and the records a call rejects are retried with backoff; a record whose rows
 * still could not be written is reported, so the handler returns it in batchItemFailures (its rows
 * may then be written twice: bad rows are delivered at least once).
 *
 * @example
 * const sink = new KinesisBadRowSink({ kinesis: new KinesisClient({}), streamName: 'snowline-bad-rows' });
 * const failed = await sink.send([{ json, partitionKey, sequenceNumber }]);
 */
export class KinesisBadRowSink implements BadRowSink {
  constructor(private readonly options: KinesisBadRowSinkOptions) {}

  /** {@inheritDoc BadRowSink.send} */
  async send(rows: readonly BadRow[]): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const chunk of chunks(rows)) {
      let pending = chunk.map((row) => ({ row, entry: { Data: Buffer.from(row.json), PartitionKey: row.partitionKey } satisfies PutRecordsRequestEntry }));
      try {
        await withRetries(
          async () => {
            const out = await this.options.kinesis.send(new PutRecordsCommand({ StreamName: this.options.streamName, Records: pending.map((p) => p.entry) }));
            const rejected = pending.filter((_, i) => out.Records?.[i]?.ErrorCode !== undefined);
            if (rejected.length === 0) return;
            const code = out.Records?.find((r) => r.ErrorCode !== undefined)?.ErrorCode ?? 'InternalFailure';
            pending = rejected;
            throw new RejectedRecordsError(code);
          },
          { maxAttempts: 4, ...this.options.retry },
        );
      } catch {
        for (const p of pending) failed.add(p.row.sequenceNumber);
      }
    }
    return failed;
  }
}

function* chunks(rows: readonly BadRow[]): Generator<BadRow[]> {
  let chunk: BadRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(row.json) + Buffer.byteLength(row.partitionKey);
    if (chunk.length > 0 && (chunk.length === PUT_RECORDS_LIMIT.records || bytes + size > PUT_RECORDS_LIMIT.bytes)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}
