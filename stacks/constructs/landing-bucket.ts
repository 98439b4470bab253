/**
 * The landing zone of the shop's DMS files: a bucket outside the lake, because DMS cannot
 * pseudonymise and writes the shop's personal values in clear.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkInteger } from '../prop-checks';

/** Days after which a landed DMS file expires: the merge runs every 15 minutes, so a week is a wide margin for an outage. */
export const DEFAULT_LANDING_RETENTION_DAYS = 7;

/** What only the merge may do to the landed files. */
export const LANDING_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;

/** What only DMS may do to the landed files. */
export const LANDING_WRITE_ACTIONS = ['s3:PutObject'] as const;

/** Props of {@link LandingBucket}. */
export interface LandingBucketProps {
  /** Where S3 writes the server access logs (an SSE-S3 bucket: S3 cannot log into a KMS one). */
  readonly accessLogsBucket: s3.IBucket;
  /** The key prefix of this bucket's logs in the log bucket. @default 'landing/' */
  readonly accessLogsPrefix?: string;
  /**
   * Days after which a landed file expires (the bucket is not versioned, so it is then gone).
   * Range 1-365. Longer than the merge job could be down; after it, a missed file is lost to the lake.
   *
   * @default DEFAULT_LANDING_RETENTION_DAYS (7)
   */
  readonly expireAfterDays?: number;
  /** What happens to the bucket when it leaves the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The landing bucket: private (public access blocked, owner enforced), TLS only, encrypted with a
 * customer-managed key of its own (rotating; the lake's analysts get no grant on it), server
 * access logs, not versioned, every object expiring after `expireAfterDays`. It has no Glue table,
 * so Athena cannot query it. {@link LandingBucket.restrictTo} adds a bucket policy that denies
 * reading the files to every principal but the merge job's role and writing them to every
 * principal but DMS's.
 *
 * @example
 * ```ts
 * const landing = new LandingBucket(this, 'Landing', { accessLogsBucket });
 * landing.restrictTo({ writer: replication.targetRole, reader: mergeJob.role });
 * ```
 */
export class LandingBucket extends Construct {
  /** The bucket. */
  readonly bucket: s3.Bucket;
  /** Its key. */
  readonly encryptionKey: kms.Key;
  /** Days after which a landed file expires. */
  readonly expireAfterDays: number;

  constructor(scope: Construct, id: string, props: LandingBucketProps) {
    super(scope, id);
    this.expireAfterDays = props.expireAfterDays ?? DEFAULT_LANDING_RETENTION_DAYS;
    checkInteger(this, 'expireAfterDays', this.expireAfterDays, { min: 1, max: 365, unit: 'days' });
    this.encryptionKey = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: "Snowline: the landing zone of the shop's DMS files (personal values in clear); only DMS and the merge job use it",
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsPrefix ?? 'landing/',
      lifecycleRules: [{ id: 'expire-landed-files', expiration: Duration.days(this.expireAfterDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /**
   * Denies reading the landed files to every principal but `reader` and writing them to every
   * principal but `writer`, whatever their IAM policies allow (e.g. an administrator's or an
   * analyst's `s3:*`).
   */
  restrictTo(roles: { readonly writer: iam.IRole; readonly reader: iam.IRole }): void {
    const deny = (actions: readonly string[], role: iam.IRole) =>
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...actions],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': role.roleArn } },
      });
    this.bucket.addToResourcePolicy(deny(LANDING_READ_ACTIONS, roles.reader));
    this.bucket.addToResourcePolicy(deny(LANDING_WRITE_ACTIONS, roles.writer));
  }
}
