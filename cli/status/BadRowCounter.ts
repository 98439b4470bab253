import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';

/** GetRecords pages read per shard in one {@link BadRowCounter.count}, so a flood cannot stall a refresh. */
const MAX_PAGES_PER_COUNT = 20;

/**
 * Counts the records on the bad-rows stream: from the start of each shard on the first call, then
 * only what arrived since (it keeps each shard's iterator), so a refresh every second stays cheap.
 */
export class BadRowCounter {
  private readonly iterators = new Map<string, string | undefined>();
  private total = 0;

  constructor(
    private readonly kinesis: KinesisClient,
    /** The bad-rows stream. */
    readonly streamName: string,
  ) {}

  /** The records seen on the stream so far, reading what is new. */
  async count(): Promise<number> {
    const { Shards = [] } = await this.kinesis.send(new ListShardsCommand({ StreamName: this.streamName }));
    for (const { ShardId } of Shards) {
      if (!ShardId) continue;
      let iterator = this.iterators.get(ShardId);
      if (!this.iterators.has(ShardId)) {
        iterator = (await this.kinesis.send(new GetShardIteratorCommand({ StreamName: this.streamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' })))
          .ShardIterator;
      }
      for (let page = 0; iterator && page < MAX_PAGES_PER_COUNT; page += 1) {
        const { Records = [], NextShardIterator, MillisBehindLatest = 0 } = await this.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
        this.total += Records.length;
        iterator = NextShardIterator;
        if (Records.length === 0 || MillisBehindLatest === 0) break;
      }
      this.iterators.set(ShardId, iterator);
    }
    return this.total;
  }
}
