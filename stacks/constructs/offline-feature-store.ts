/**
 * The offline store of SageMaker Feature Store: an encrypted S3 bucket and the role Feature Store
 * writes it with.
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { checkS3Prefix } from '../prop-checks';

/** What Feature Store does on the bucket: write record files and their ACLs, read the bucket's ACL. */
export const OFFLINE_STORE_WRITE_ACTIONS = ['s3:PutObject', 's3:PutObjectAcl', 's3:GetBucketAcl'] as const;

/** What Feature Store reads back: the manifest files it keeps under `metadata/`. */
export const OFFLINE_STORE_READ_ACTIONS = ['s3:GetObject'] as const;

/** What Feature Store does to the Glue tables it creates for the offline store. */
export const OFFLINE_STORE_GLUE_ACTIONS = ['glue:GetTable', 'glue:UpdateTable'] as const;

/** What Feature Store does with the key while writing and reading encrypted record files. */
export const OFFLINE_STORE_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** The Glue database in which Feature Store creates each offline store's table. */
export const FEATURE_STORE_GLUE_DATABASE = 'sagemaker_featurestore';

/** Props of {@link OfflineFeatureStore}. */
export interface OfflineFeatureStoreProps {
  /** The customer-managed key that encrypts the bucket and every record file Feature Store writes. */
  readonly encryptionKey: kms.IKey;
  /**
   * The key prefix under which Feature Store writes (it adds
   * `<account>/sagemaker/<region>/offline-store/<group>-<time>/`). Path segments of
   * `[a-zA-Z0-9!_.*'()-]`, no leading or trailing `/`.
   *
   * @default 'offline-store'
   */
  readonly prefix?: string;
  /**
   * What happens to the bucket (and the offline feature history in it) when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A private, TLS-only S3 bucket encrypted with a customer-managed key, and the IAM role that
 * SageMaker Feature Store assumes to write offline records into it and keep their Glue tables
 * (in `sagemaker_featurestore`) up to date. Pass it to `SnowlineFeatureGroup`.
 *
 * @example
 * ```ts
 * const offline = new OfflineFeatureStore(this, 'Offline', { encryptionKey });
 * new SnowlineFeatureGroup(this, 'UserActivity', { declaration: USER_ACTIVITY, encryptionKey, offlineStore: offline });
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html
 */
export class OfflineFeatureStore extends Construct {
  /** The bucket that holds the offline store. */
  readonly bucket: s3.Bucket;
  /** The role Feature Store writes it with (a feature group's `RoleArn`). */
  readonly role: iam.Role;
  /** The key that encrypts the bucket and the record files. */
  readonly encryptionKey: kms.IKey;
  /** The key prefix under which Feature Store writes. */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: OfflineFeatureStoreProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'offline-store';
    checkS3Prefix(this, 'prefix', prefix);
    this.prefix = prefix;
    this.encryptionKey = props.encryptionKey;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Written only by the Feature Store role; reads go through Athena, whose queries are logged, so server access logs would add no trail.',
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `Snowline: writes the offline feature store in ${this.node.path}/Bucket`,
    });
    this.grantFeatureStore(this.role);
  }

  /** The `s3://bucket/prefix` URI a feature group's `S3StorageConfig` names. */
  get s3Uri(): string {
    return this.bucket.s3UrlForObject(this.prefix);
  }

  /**
   * Grants what Feature Store needs to keep an offline store here: write the record files, read
   * its manifests, use the key, and read and update the group's Glue table.
   */
  private grantFeatureStore(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...OFFLINE_STORE_WRITE_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects(`${this.prefix}/*`)],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...OFFLINE_STORE_READ_ACTIONS],
        resources: [this.bucket.arnForObjects(`${this.prefix}/*`)],
      }),
    );
    this.encryptionKey.grant(grantee, ...OFFLINE_STORE_KEY_ACTIONS);
    const stack = Stack.of(this);
    const glue = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, ...(resourceName === undefined ? {} : { resourceName }) });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...OFFLINE_STORE_GLUE_ACTIONS],
        resources: [
          glue('catalog'),
          glue('database', FEATURE_STORE_GLUE_DATABASE),
          glue('table', `${FEATURE_STORE_GLUE_DATABASE}/*`),
        ],
      }),
    );
  }
}
