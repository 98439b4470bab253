/**
 * The shared configuration: the one object that the CDK stacks and the local runtime both read.
 *
 * Anything that exists on both targets (a stream, a table, a feature group, an event source
 * mapping) is declared here once; the CDK builds AWS resources from it and `snowline up` builds
 * the local equivalents from it. Pure data: no CDK or AWS SDK imports.
 */

/** Settings of a Kinesis event source mapping, with Lambda's names and ranges. */
export interface EventSourceSettings {
  /** Records per batch. Range 1-10000. @default 500 */
  readonly batchSize: number;
  /** How long to gather records before invoking. Range 0-300. @default 1 */
  readonly maximumBatchingWindowInSeconds: number;
  /** Split a failing batch in two and retry each half. @default true */
  readonly bisectBatchOnFunctionError: boolean;
  /** Retries of a failing batch before it goes to the on-failure destination; -1 is infinite. Range -1-10000. @default 5 */
  readonly maximumRetryAttempts: number;
  /** Records older than this go to the on-failure destination; -1 is infinite. Range -1 or 60-604800. @default 3600 */
  readonly maximumRecordAgeInSeconds: number;
  /** The handler returns `batchItemFailures`. @default true */
  readonly reportBatchItemFailures: boolean;
  /** Where a new mapping starts reading. @default 'TRIM_HORIZON' */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
}

/** A Kinesis stream. */
export interface StreamDefinition {
  /** The stream name, the same on AWS and locally. */
  readonly streamName: string;
  /** Shards, or 'on-demand' capacity on AWS (locally: `localShardCount` shards). @default 'on-demand' */
  readonly capacity: number | 'on-demand';
  /** Shards the local emulator gives an on-demand stream. @default 2 */
  readonly localShardCount: number;
  /** Retention in hours. Range 24-8760. @default 24 */
  readonly retentionHours: number;
}

/** The default event source mapping settings for the handlers that consume the enriched stream. */
export const DEFAULT_EVENT_SOURCE: EventSourceSettings = {
  batchSize: 500,
  maximumBatchingWindowInSeconds: 1,
  bisectBatchOnFunctionError: true,
  maximumRetryAttempts: 5,
  maximumRecordAgeInSeconds: 3600,
  reportBatchItemFailures: true,
  startingPosition: 'TRIM_HORIZON',
};

/** The enriched event stream that Snowplow Enrich writes to. */
export const ENRICHED_STREAM: StreamDefinition = {
  streamName: 'snowline-enriched',
  capacity: 'on-demand',
  localShardCount: 2,
  retentionHours: 24,
};

/** The bad-rows stream: records that cannot be parsed or validated, in Snowplow's bad-row JSON. */
export const BAD_ROWS_STREAM: StreamDefinition = {
  streamName: 'snowline-bad-rows',
  capacity: 'on-demand',
  localShardCount: 1,
  retentionHours: 168,
};

/** Every stream, for the CDK stream stack and for `snowline up`. */
export const STREAMS: readonly StreamDefinition[] = [ENRICHED_STREAM, BAD_ROWS_STREAM];

/** A DynamoDB key attribute: its name and scalar type (`S` string, `N` number, `B` binary). */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A global secondary index of a {@link TableDefinition}. */
export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  /** @default - no sort key */
  readonly sortKey?: KeyAttribute;
  /** Attributes copied into the index. @default 'ALL' */
  readonly projection?: 'ALL' | 'KEYS_ONLY';
}

/** A DynamoDB table (on-demand billing on AWS). */
export interface TableDefinition {
  /** The table name, the same on AWS and locally. */
  readonly tableName: string;
  readonly partitionKey: KeyAttribute;
  /** @default - no sort key */
  readonly sortKey?: KeyAttribute;
  /** The attribute holding the expiry time in epoch seconds (dynalite ignores TTL). @default - no TTL */
  readonly timeToLiveAttribute?: string;
  /** @default - none */
  readonly globalSecondaryIndexes?: readonly IndexDefinition[];
}

/**
 * The real-time reports (README, "Real-time reports"): one item per report, granularity, window
 * and bucket (`pk` `<report>#<granularity>`, `sk` `<window start ISO>#<bucket>`), plus each
 * shard's state (`pk` `state`) and the freshness item (`pk` `meta`). Minute items expire by `ttl`.
 */
export const REPORTS_TABLE: TableDefinition = {
  tableName: 'snowline-reports',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'ttl',
};

/**
 * The streaming features' window state (README, "Streaming features"): per entity
 * (`pk` `<feature group>#<record id>`) one item per 15-minute bucket of event time (`sk`
 * `b#<bucket start ISO>`), one attribute per event, and one profile item (`sk` `p`) of point facts.
 * Items expire by `ttl` once no window can reach them.
 */
export const FEATURE_STATE_TABLE: TableDefinition = {
  tableName: 'snowline-feature-state',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'ttl',
};

/** Every DynamoDB table, for the CDK stacks and for `snowline up`. */
export const TABLES: readonly TableDefinition[] = [REPORTS_TABLE, FEATURE_STATE_TABLE];

/**
 * How personal data (schemas/personal-fields.ts) is pseudonymised, locally and on AWS:
 * `ipAddresses` `'hash'` gives IP addresses the same keyed hash as identifiers, `'truncate'`
 * keeps their network (/24 IPv4, /48 IPv6). Read by the local archiver and the events archive's
 * construct; the key itself is never configuration (a generated file locally, Secrets Manager on AWS).
 */
export const PSEUDONYMISATION: { readonly ipAddresses: 'hash' | 'truncate' } = { ipAddresses: 'hash' };
