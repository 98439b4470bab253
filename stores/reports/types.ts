import type { BatchPlan, ShardState } from '../../lib/reports';
import type { DynamoDbTarget, RetryOptions } from '../shared';

/** Options of {@link DynamoReportStore}. */
export interface DynamoReportStoreOptions {
  /** The DynamoDB client, or an endpoint (and region) to create one for. */
  readonly dynamodb: DynamoDbTarget;
  /** The reports table. @default REPORTS_TABLE.tableName ('snowline-reports') */
  readonly tableName?: string;
  /** Backoff of throttled and failed requests. @default withRetries' defaults (8 attempts, 25 ms doubling to 2 s, full jitter) */
  readonly retry?: RetryOptions;
  /** Item writes in flight at once. Range 1-64. @default 16 */
  readonly concurrency?: number;
  /** Distinct-count sketches kept in memory between batches, to save a read per write. Range 0-1024. @default 64 */
  readonly sketchCacheSize?: number;
  /** The clock of the freshness item, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/** Options of {@link ReportWriter.apply}. */
export interface ApplyOptions {
  /**
   * A record that failed elsewhere (its bad rows could not be written): the state does not move
   * past it, and it is reported if it is the lowest failure.
   * @default - none
   */
  readonly failedSequenceNumber?: string;
}

/** An item that could not be written. */
export interface ItemFailure {
  readonly pk: string;
  readonly sk: string;
  /** The lowest sequence number among the records it did not absorb. */
  readonly sequenceNumber: string;
  readonly error: Error;
}

/** What {@link ReportWriter.apply} did. */
export interface ApplyResult {
  /** The lowest sequence number to retry from (Lambda's batchItemFailures), or null when all is written. */
  readonly failedSequenceNumber: string | null;
  /** Items that failed after their retries. */
  readonly failures: readonly ItemFailure[];
  /** UpdateItem calls that changed counter items (sent conditional updates that failed not included). */
  readonly counterUpdates: number;
  /** Counter updates skipped because the item already held their records (a replay). */
  readonly counterSkips: number;
  /** Sketch writes made. */
  readonly sketchUpdates: number;
  /** Whether the shard's state moved. */
  readonly stateAdvanced: boolean;
}

/** The write side of the report store, as the report handler uses it. */
export interface ReportWriter {
  /** The shard's state: what it has fully counted (a consistent read). */
  readShardState(shardId: string): Promise<ShardState>;
  /** Writes a batch plan of a shard exactly once in effect, then advances the shard's state as far as the writes went. */
  apply(shardId: string, plan: BatchPlan, options?: ApplyOptions): Promise<ApplyResult>;
}
