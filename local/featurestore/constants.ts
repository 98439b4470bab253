/** Constants of the local Feature Store runtime: wire enums, limits and local placeholders. */

/** The `TargetStores` values of PutRecord and DeleteRecord. */
export const TargetStore = {
  OnlineStore: 'OnlineStore',
  OfflineStore: 'OfflineStore',
} as const;

/** One of {@link TargetStore}. */
export type TargetStore = (typeof TargetStore)[keyof typeof TargetStore];

/** DeleteRecord's `DeletionMode`; SoftDelete is the default. */
export const DeletionMode = {
  SoftDelete: 'SoftDelete',
  HardDelete: 'HardDelete',
} as const;

/** One of {@link DeletionMode}. */
export type DeletionMode = (typeof DeletionMode)[keyof typeof DeletionMode];

/** GetRecord's and BatchGetRecord's `ExpirationTimeResponse`. */
export const ExpirationTimeResponse = {
  Enabled: 'Enabled',
  Disabled: 'Disabled',
} as const;

/** The AWS account id written into offline store paths locally (S3 paths carry the real one). */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The region written into offline store paths locally. */
export const LOCAL_REGION = 'us-east-1';

/** BatchGetRecord reads at most this many records per call, across all identifiers. */
export const MAX_BATCH_GET_RECORDS = 100;

/** How often buffered offline rows are written out as Parquet. @default 5000 ms */
export const DEFAULT_FLUSH_INTERVAL_MS = 5_000;

/** Buffered offline rows that trigger a flush before the interval. */
export const DEFAULT_MAX_BUFFERED_ROWS = 5_000;

/** The write-ahead log is compacted into a snapshot once it grows past this many bytes. */
export const DEFAULT_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

/** The pattern of a feature group name or ARN in a request. */
export const FEATURE_GROUP_NAME_OR_ARN_PATTERN =
  /^(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:feature-group\/)?([a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63})$/;

/** The pattern of a feature name in a request. */
export const FEATURE_NAME_PATTERN = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
