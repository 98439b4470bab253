/** Constants of the local event source mapping runner. */

/** Why a batch went to the on-failure destination: Lambda's `requestContext.condition` values. */
export const FailureCondition = {
  /** The batch failed `maximumRetryAttempts` retries (after bisection, if on). */
  RetryAttemptsExhausted: 'RetryAttemptsExhausted',
  /** The records were older than `maximumRecordAgeInSeconds` before they could be processed. */
  RecordAgeExceeded: 'RecordAgeExceeded',
} as const;

/** One of {@link FailureCondition}. */
export type FailureCondition = (typeof FailureCondition)[keyof typeof FailureCondition];

/** What a shard poller is doing, for `stats()`. */
export const ShardState = {
  Starting: 'starting',
  Polling: 'polling',
  Invoking: 'invoking',
  Retrying: 'retrying',
  Waiting: 'waiting-for-parent',
  Ended: 'ended',
  Stopped: 'stopped',
} as const;

/** One of {@link ShardState}. */
export type ShardState = (typeof ShardState)[keyof typeof ShardState];

/** Pause between GetRecords calls that return nothing (Lambda polls about once a second). @default 250 */
export const DEFAULT_POLL_INTERVAL_MS = 250;
/** Pause before retrying a failed batch. */
export const DEFAULT_RETRY_DELAY_MS = 250;
/** How often ListShards looks for new shards (after a reshard). */
export const DEFAULT_SHARD_DISCOVERY_INTERVAL_MS = 5_000;
/** The account in local ARNs. */
export const DEFAULT_ACCOUNT = '000000000000';
/** The most records GetRecords returns in one call. */
export const MAX_GET_RECORDS_LIMIT = 10_000;
/** Lambda's synchronous invocation payload limit, which also caps a batch. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** The version every Kinesis event record and on-failure record carries. */
export const SCHEMA_VERSION = '1.0';
/** `executedVersion` locally: there are no published versions. */
export const EXECUTED_VERSION = '$LATEST';
