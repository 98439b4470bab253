import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  advanceShardState,
  padSequenceNumber,
  reportPartitionKey,
  SPECIAL_PARTITIONS,
  toReportRows,
  type BatchPlan,
  type ReportFreshness,
  type ReportQuery,
  type ReportReader,
  type ReportRow,
  type ShardState,
} from '../../lib/reports';
import { REPORTS_TABLE } from '../../stacks/config';
import { resolveDynamoDbClient, withRetries, type RetryOptions } from '../shared';
import { InvalidReportStoreOptionError } from './errors';
import { readFreshness, recordFreshness } from './freshnessItem';
import { itemToRows } from './itemToRows';
import { runWithConcurrency } from './runWithConcurrency';
import { readShardState, writeShardState } from './shardStateItem';
import { SketchCache } from './SketchCache';
import type { ApplyOptions, ApplyResult, DynamoReportStoreOptions, ItemFailure, ReportWriter } from './types';
import { writeCounterItem } from './writeCounterItem';
import { writeSketchItem } from './writeSketchItem';

function checkRange(option: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    throw new InvalidReportStoreOptionError(option, value, `a whole number from ${min} to ${max}`);
  }
}

/**
 * The real-time reports in DynamoDB (see README, "Real-time reports"): the writer the report
 * handler applies each batch with, exactly once in effect, and the reader the dashboard API
 * queries. One item per report, granularity, window and bucket.
 *
 * @example
 * const store = new DynamoReportStore({ dynamodb: { endpoint: 'http://127.0.0.1:4568' } });
 * const rows = await store.query({ report: 'events', granularity: 'minute', fromMs, toMs });
 * store.destroy();
 */
export class DynamoReportStore implements ReportReader, ReportWriter {
  /** The SDK client it sends with. */
  readonly client: DynamoDBClient;
  /** The reports table. */
  readonly tableName: string;
  private readonly owned: boolean;
  private readonly retry: RetryOptions | undefined;
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly sketches: SketchCache;

  /** @throws InvalidReportStoreOptionError naming the option out of range. */
  constructor(options: DynamoReportStoreOptions) {
    checkRange('concurrency', options.concurrency, 1, 64);
    checkRange('sketchCacheSize', options.sketchCacheSize, 0, 1024);
    checkRange('retry.maxAttempts', options.retry?.maxAttempts, 1, 20);
    const { client, owned } = resolveDynamoDbClient(options.dynamodb);
    this.client = client;
    this.owned = owned;
    this.tableName = options.tableName ?? REPORTS_TABLE.tableName;
    this.retry = options.retry;
    this.concurrency = options.concurrency ?? 16;
    this.now = options.now ?? Date.now;
    this.sketches = new SketchCache(options.sketchCacheSize ?? 64);
  }

  /** {@inheritDoc ReportWriter.readShardState} */
  readShardState(shardId: string): Promise<ShardState> {
    return readShardState(this.client, this.tableName, shardId, this.retry);
  }

  /**
   * Writes every item of the plan (at most `concurrency` at once; each item's chunks in order),
   * then moves the shard's state up to just below the lowest failed record, then records
   * freshness. A failure to record freshness is not a failure of the batch.
   */
  async apply(shardId: string, plan: BatchPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
    const failures: ItemFailure[] = [];
    let counterUpdates = 0;
    let counterSkips = 0;
    let sketchUpdates = 0;
    const counterContext = { client: this.client, tableName: this.tableName, shardId, retry: this.retry };
    const sketchContext = { client: this.client, tableName: this.tableName, retry: this.retry, cache: this.sketches };
    const tasks = [
      ...plan.counters.map((item) => async () => {
        const outcome = await writeCounterItem(counterContext, item);
        counterUpdates += outcome.updates;
        counterSkips += outcome.skipped;
        if (outcome.failure) failures.push({ pk: item.pk, sk: item.sk, sequenceNumber: outcome.failure.sequenceNumber, error: outcome.failure });
      }),
      ...plan.sketches.map((item) => async () => {
        const outcome = await writeSketchItem(sketchContext, item);
        sketchUpdates += outcome.updates;
        if (outcome.failure) failures.push({ pk: item.pk, sk: item.sk, sequenceNumber: outcome.failure.sequenceNumber, error: outcome.failure });
      }),
    ];
    await runWithConcurrency(tasks, this.concurrency);

    let failed: { padded: string; sequenceNumber: string } | null = null;
    const candidates = failures.map((f) => f.sequenceNumber);
    if (options.failedSequenceNumber !== undefined) candidates.push(options.failedSequenceNumber);
    for (const sequenceNumber of candidates) {
      const padded = padSequenceNumber(sequenceNumber);
      if (failed === null || padded < failed.padded) failed = { padded, sequenceNumber };
    }

    let stateAdvanced = false;
    const next = advanceShardState(plan.baseState, plan.records, failed?.padded ?? null, plan.options.fingerprintCapacity);
    if (next !== null) {
      try {
        stateAdvanced = await writeShardState(this.client, this.tableName, shardId, next, this.now(), this.retry);
      } catch (error) {
        // Without the state, every record of the batch must come again (the marks skip what was written).
        const first = plan.records[0]!;
        failures.push({ pk: SPECIAL_PARTITIONS.state, sk: shardId, sequenceNumber: first.sequenceNumber, error: error as Error });
        failed = { padded: first.paddedSequenceNumber, sequenceNumber: first.sequenceNumber };
      }
    }
    if (plan.newestEventTimeMs !== null && failures.length === 0) {
      await recordFreshness(this.client, this.tableName, plan.newestEventTimeMs, this.now(), this.retry).catch(() => false);
    }
    return { failedSequenceNumber: failed?.sequenceNumber ?? null, failures, counterUpdates, counterSkips, sketchUpdates, stateAdvanced };
  }

  /** {@inheritDoc ReportReader.query} Sorted by {@link toReportRows}: by window, then largest value. */
  async query(query: ReportQuery): Promise<ReportRow[]> {
    const items = await this.queryRange(reportPartitionKey(query.report, query.granularity), query.fromMs, query.toMs);
    return toReportRows(items.flatMap((item) => itemToRows(item, query.report)));
  }

  /** Events too late for their window, by `event_name`, in the hours (of event time) that start in [fromMs, toMs). */
  async lateEvents(fromMs: number, toMs: number): Promise<ReportRow[]> {
    const items = await this.queryRange(SPECIAL_PARTITIONS.lateEvents, fromMs, toMs);
    return toReportRows(items.flatMap((item) => itemToRows(item, 'late_events')));
  }

  /** {@inheritDoc ReportReader.freshness} */
  freshness(): Promise<ReportFreshness> {
    return readFreshness(this.client, this.tableName, this.retry);
  }

  /** Releases the client if the store created it. */
  destroy(): void {
    if (this.owned) this.client.destroy();
  }

  /** Every item of a partition whose window starts in [fromMs, toMs): one Query, paged. */
  private async queryRange(pk: string, fromMs: number, toMs: number): Promise<Record<string, AttributeValue>[]> {
    if (!(toMs > fromMs)) return [];
    // "<from ISO>" sorts before "<from ISO>#0", and "<to ISO>" before "<to ISO>#0": so windows in [from, to).
    const values = { ':pk': { S: pk }, ':from': { S: new Date(fromMs).toISOString() }, ':to': { S: new Date(toMs).toISOString() } };
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await withRetries(
        () =>
          this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: values,
              ...(start === undefined ? {} : { ExclusiveStartKey: start }),
            }),
          ),
        this.retry,
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }
}
