/** Types of the local Kinesis helper. */
import type { LocalService, LocalServiceOptions } from '../service';
import type { StreamDefinition } from '../../stacks/config';

/** Options of {@link startKinesis}: the common local service options plus kinesalite's latencies. */
export interface StartKinesisOptions extends LocalServiceOptions {
  /** Simulated CreateStream latency (kinesalite's `createStreamMs`). @default 0 */
  readonly createStreamMs?: number;
  /** Simulated DeleteStream latency. @default 0 */
  readonly deleteStreamMs?: number;
  /** Simulated latency of UpdateShardCount, SplitShard, MergeShards and retention changes. @default 0 */
  readonly updateStreamMs?: number;
  /** Open shards allowed across all streams. @default 50 */
  readonly shardLimit?: number;
  /** Streams to create (idempotently) once the server listens. @default - none */
  readonly streams?: readonly StreamDefinition[];
  /** Region the helper's own client signs for. @default 'us-east-1' */
  readonly region?: string;
}

/** A running kinesalite. */
export interface KinesisService extends LocalService {
  /** Always `'kinesis'`. */
  readonly name: 'kinesis';
  /** The port it listens on (useful when 0 was asked for). */
  readonly port: number;
  /** The LevelDB directory, or undefined when in memory. */
  readonly path: string | undefined;
}

/** Options of {@link createStreams}. */
export interface CreateStreamsOptions {
  /** How long to wait for each stream to become ACTIVE. @default 10000 */
  readonly timeoutMs?: number;
  /** How often to poll DescribeStreamSummary while waiting. @default 20 */
  readonly pollIntervalMs?: number;
}
