import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { BadRowCounter } from './BadRowCounter';
import { countOnFailure } from './countOnFailure';
import { countRecordsBehind } from './countRecordsBehind';
import { type ConsumerStats, fetchConsumerStats, type HealthSource } from './fetchConsumerStats';
import type { ConsumerStatus, ShardStatus, StatusSnapshot } from './types';

/** What a {@link StatusSampler} reads. */
export interface StatusSamplerOptions extends HealthSource {
  /** A Kinesis client pointed at the stack's kinesalite. */
  readonly kinesis: KinesisClient;
  /** The bad-rows stream's name. */
  readonly badRowsStream: string;
  /** The clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
}

/**
 * Samples the running stack: the consumers' counters from its health check, records behind each
 * checkpoint from the stream, the on-failure files and the bad-rows stream. Rates (events/s) are
 * the change since the previous sample of the same sampler.
 */
export class StatusSampler {
  private previous: { readonly at: number; readonly processed: Map<string, number> } | undefined;
  private readonly badRows: BadRowCounter;
  private readonly now: () => number;

  constructor(private readonly options: StatusSamplerOptions) {
    this.badRows = new BadRowCounter(options.kinesis, options.badRowsStream);
    this.now = options.now ?? Date.now;
  }

  /** One sample of every consumer and shard. */
  async sample(): Promise<StatusSnapshot> {
    const stats = await fetchConsumerStats(this.options);
    const at = this.now();
    const seconds = this.previous ? Math.max((at - this.previous.at) / 1000, 0.001) : 0;
    const processed = new Map<string, number>();
    const consumers = await Promise.all(stats.map((consumer) => this.consumerStatus(consumer, seconds, processed)));
    const badRows = { streamName: this.options.badRowsStream, count: await this.badRows.count() };
    this.previous = { at, processed };
    return { takenAt: new Date(at).toISOString(), dataDir: this.options.dataDir, http: this.options.http, intervalSeconds: seconds, consumers, badRows };
  }

  private async consumerStatus(consumer: ConsumerStats, seconds: number, processed: Map<string, number>): Promise<ConsumerStatus> {
    const shards: ShardStatus[] = await Promise.all(
      consumer.shards.map(async (shard) => {
        const key = `${consumer.name}/${shard.shardId}`;
        processed.set(key, shard.recordsProcessed);
        const before = this.previous?.processed.get(key);
        const behind = await countRecordsBehind(this.options.kinesis, consumer.streamName, shard.shardId, shard.checkpoint);
        return {
          shardId: shard.shardId,
          state: shard.state,
          iteratorAgeMs: shard.iteratorAgeMs,
          millisBehindLatest: shard.millisBehindLatest,
          recordsBehind: behind.count,
          recordsBehindCapped: behind.capped,
          eventsPerSecond: seconds > 0 && before !== undefined ? Math.max(shard.recordsProcessed - before, 0) / seconds : 0,
          recordsProcessed: shard.recordsProcessed,
          batches: shard.batches,
          failedBatches: shard.failedBatches,
          recordsToOnFailure: shard.recordsToOnFailure,
          checkpoint: shard.checkpoint ?? null,
          lastError: shard.lastError ?? null,
        };
      }),
    );
    return {
      name: consumer.name,
      streamName: consumer.streamName,
      eventsPerSecond: shards.reduce((sum, s) => sum + s.eventsPerSecond, 0),
      recordsProcessed: consumer.recordsProcessed,
      failedBatches: consumer.failedBatches,
      maxIteratorAgeMs: Math.max(0, ...shards.map((s) => s.iteratorAgeMs)),
      recordsBehind: shards.reduce((sum, s) => sum + s.recordsBehind, 0),
      onFailureDepth: await countOnFailure(this.options.dataDir, consumer.name),
      shards,
    };
  }
}
