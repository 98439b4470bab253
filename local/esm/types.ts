/** Types of the local event source mapping runner. */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import type { EventSourceSettings } from '../../stacks/config';
import type { FailureCondition, ShardState } from './constants';

/** A Lambda handler for Kinesis, as deployed: a thrown error (or rejection) is a function error. */
export type KinesisBatchHandler = (
  event: KinesisStreamEvent,
  context: Context,
) => Promise<KinesisStreamBatchResponse | void> | KinesisStreamBatchResponse | void;

/** Milliseconds since the epoch; injectable so tests can age records. */
export type Clock = () => number;

/** Options of {@link startEventSourceMapping}. */
export interface StartEventSourceMappingOptions {
  /** The mapping's name: a folder name under `<dataDir>/esm/`, `[A-Za-z0-9_.-]+`. */
  readonly name: string;
  /** A Kinesis client, or an endpoint to create one for (destroyed on stop). */
  readonly kinesis: KinesisClient | string;
  /** The stream to consume. */
  readonly streamName: string;
  /** Lambda's settings, the same object the CDK turns into the real mapping. */
  readonly settings: EventSourceSettings;
  /** The function, called with one shard's batch at a time. */
  readonly handler: KinesisBatchHandler;
  /** Directory for checkpoints and the on-failure file; omitted means in memory. @default - in memory */
  readonly dataDir?: string;
  /** Region in ARNs and `awsRegion`. @default - the client's region */
  readonly region?: string;
  /** Account in ARNs. @default '000000000000' */
  readonly account?: string;
  /** Function name in `functionArn` and the context. @default - the mapping name */
  readonly functionName?: string;
  /** Pause after an empty GetRecords. @default 250 */
  readonly pollIntervalMs?: number;
  /** Pause before retrying a failed batch (bisected halves go at once). @default 250 */
  readonly retryDelayMs?: number;
  /** How often to look for new shards. @default 5000 */
  readonly shardDiscoveryIntervalMs?: number;
  /** The function timeout; a longer invocation is a function error. @default - none */
  readonly functionTimeoutMs?: number;
  /** Clock for record age and timestamps. @default Date.now */
  readonly clock?: Clock;
  /** Also called with each on-failure record, after it is written (e.g. to feed a local queue). */
  readonly onFailure?: (record: OnFailureRecord) => void | Promise<void>;
}

/** What Lambda sends to an on-failure destination for a discarded Kinesis batch. */
export interface OnFailureRecord {
  readonly requestContext: {
    readonly requestId: string;
    readonly functionArn: string;
    readonly condition: FailureCondition;
    readonly approximateInvokeCount: number;
  };
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    /** `Unhandled` when the function threw or timed out; absent when it returned. */
    readonly functionError?: string;
  };
  readonly version: '1.0';
  /** ISO-8601 time the record was sent. */
  readonly timestamp: string;
  readonly KinesisBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    /** ISO-8601. */
    readonly approximateArrivalOfFirstRecord: string;
    /** ISO-8601. */
    readonly approximateArrivalOfLastRecord: string;
    readonly batchSize: number;
    readonly streamArn: string;
  };
}

/** Counters and position of one shard, for `snowline status`. */
export interface ShardStats {
  readonly shardId: string;
  readonly state: ShardState;
  /** MillisBehindLatest of the last GetRecords. */
  readonly millisBehindLatest: number;
  /** Age of the newest record of the last batch when it was invoked (Lambda's IteratorAge). */
  readonly iteratorAgeMs: number;
  /** Records fetched and not yet decided. */
  readonly bufferedRecords: number;
  /** Records the handler processed successfully. */
  readonly recordsProcessed: number;
  /** Invocations. */
  readonly batches: number;
  /** Invocations that failed in whole or in part. */
  readonly failedBatches: number;
  /** Records sent to the on-failure destination. */
  readonly recordsToOnFailure: number;
  /** Where reading started: `AFTER_SEQUENCE_NUMBER <n>`, `TRIM_HORIZON` or `LATEST`, with why if not the checkpoint. */
  readonly startPosition: string | undefined;
  /** The last checkpointed sequence number. */
  readonly checkpoint: string | undefined;
  /** The last GetRecords/GetShardIterator error, if the latest call failed. */
  readonly lastError: string | undefined;
}

/** A snapshot of a mapping's progress. */
export interface MappingStats {
  readonly name: string;
  readonly streamName: string;
  readonly shards: readonly ShardStats[];
  readonly recordsProcessed: number;
  readonly batches: number;
  readonly failedBatches: number;
  readonly recordsToOnFailure: number;
}

/** A running mapping. */
export interface EventSourceMapping {
  readonly name: string;
  /** Every on-failure record this runner sent, in order (the file keeps earlier runs' too). */
  readonly failures: readonly OnFailureRecord[];
  /** Where checkpoints are written, or undefined in memory. */
  readonly checkpointFile: string | undefined;
  /** Where on-failure records are appended, or undefined in memory. */
  readonly onFailureFile: string | undefined;
  /** Counters per shard and in total. */
  stats(): MappingStats;
  /** Stops polling, lets each in-flight batch finish and be checkpointed; safe to call twice. */
  stop(): Promise<void>;
  /**
   * Simulates a crash: stops at once, abandons in-flight invocations and writes nothing more,
   * so their batches are replayed by the next runner.
   */
  abandon(): Promise<void>;
}

/** The ARNs and names that every event and on-failure record carries. */
export interface MappingIdentity {
  readonly region: string;
  readonly account: string;
  readonly streamName: string;
  readonly streamArn: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly invokeIdentityArn: string;
}
