/** What `snowline status` shows, per consumer and shard. */

/** One shard as one consumer sees it. */
export interface ShardStatus {
  readonly shardId: string;
  /** The poller's state, e.g. `polling`. */
  readonly state: string;
  /** Age of the newest record of the last batch when it was invoked (Lambda's IteratorAge). */
  readonly iteratorAgeMs: number;
  /** MillisBehindLatest of the last GetRecords. */
  readonly millisBehindLatest: number;
  /** Records on the stream after the consumer's checkpoint (at most `RECORDS_BEHIND_CAP`). */
  readonly recordsBehind: number;
  /** True when there are more than `recordsBehind`: the count stopped at the cap. */
  readonly recordsBehindCapped: boolean;
  /** Records processed per second since the previous sample (0 on the first). */
  readonly eventsPerSecond: number;
  readonly recordsProcessed: number;
  readonly batches: number;
  readonly failedBatches: number;
  /** Records this run sent to the on-failure destination. */
  readonly recordsToOnFailure: number;
  /** The last checkpointed sequence number. */
  readonly checkpoint: string | null;
  /** The last error reading the shard, if the latest call failed. */
  readonly lastError: string | null;
}

/** One consumer (event source mapping) of the running stack. */
export interface ConsumerStatus {
  readonly name: string;
  readonly streamName: string;
  readonly eventsPerSecond: number;
  readonly recordsProcessed: number;
  readonly failedBatches: number;
  /** The largest iterator age over its shards. */
  readonly maxIteratorAgeMs: number;
  /** Records behind over its shards. */
  readonly recordsBehind: number;
  /** Records in the on-failure destination (`<data-dir>/esm/<name>/on-failure.jsonl`, every run). */
  readonly onFailureDepth: number;
  readonly shards: readonly ShardStatus[];
}

/** One sample of the whole stack. */
export interface StatusSnapshot {
  /** When it was taken, ISO 8601. */
  readonly takenAt: string;
  readonly dataDir: string;
  /** The HTTP API it was read from. */
  readonly http: string;
  /** Seconds since the previous sample, the base of every rate (0 on the first). */
  readonly intervalSeconds: number;
  readonly consumers: readonly ConsumerStatus[];
  /** The bad-rows stream and the records on it (every consumer's bad rows, within retention). */
  readonly badRows: { readonly streamName: string; readonly count: number };
}
