/**
 * A bucket of the lake: private, TLS only, encrypted with a customer-managed key, with lifecycle
 * rules, Intelligent-Tiering and server access logs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkInteger } from '../prop-checks';

/** Props of {@link LakeBucket}. */
export interface LakeBucketProps {
  /** The customer-managed key of the lake. */
  readonly encryptionKey: kms.IKey;
  /** Where S3 writes the server access logs (an SSE-S3 bucket: S3 cannot log into a KMS one). */
  readonly accessLogsBucket: s3.IBucket;
  /** The key prefix of this bucket's logs in the log bucket, e.g. `lake/`. */
  readonly accessLogsPrefix: string;
  /**
   * Days after which objects move to Intelligent-Tiering (it moves them on between access tiers by
   * use, so rarely read raw files and old partitions cost less without a rule per prefix). Range >= 0.
   *
   * @default 0
   */
  readonly intelligentTieringAfterDays?: number;
  /** Days after which objects expire. Range >= 1. @default - never (the lake keeps its history) */
  readonly expireAfterDays?: number;
  /** What happens to the bucket when it leaves the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An S3 bucket for the lake or for Athena's results: public access blocked, TLS only, owner
 * enforced, versioned, encrypted with the lake key (bucket key on), server access logs to the log
 * bucket, and lifecycle rules: Intelligent-Tiering, noncurrent versions expiring after 30 days,
 * incomplete multipart uploads aborted after 7 days, and an optional expiry.
 *
 * @example
 * ```ts
 * new LakeBucket(this, 'Lake', { encryptionKey, accessLogsBucket, accessLogsPrefix: 'lake/' });
 * ```
 */
export class LakeBucket extends Construct {
  /** The bucket. */
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LakeBucketProps) {
    super(scope, id);
    const tieringDays = props.intelligentTieringAfterDays ?? 0;
    checkInteger(this, 'intelligentTieringAfterDays', tieringDays, { min: 0, unit: 'days' });
    if (props.expireAfterDays !== undefined) checkInteger(this, 'expireAfterDays', props.expireAfterDays, { min: 1, unit: 'days' });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsPrefix,
      lifecycleRules: [
        {
          id: 'intelligent-tiering',
          transitions: [{ storageClass: s3.StorageClass.INTELLIGENT_TIERING, transitionAfter: Duration.days(tieringDays) }],
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
          ...(props.expireAfterDays === undefined ? {} : { expiration: Duration.days(props.expireAfterDays) }),
        },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}
