/**
 * The lake stack: the lake and Athena results buckets, DMS replicating the shop's PostgreSQL into
 * the lake, the Glue catalog and merge job, and the Athena workgroup with the analysts' queries.
 */
import { ArnFormat, type CfnElement, CfnOutput, Duration, Fn, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CURRENT_PREFIX, EVENTS_PREFIX, GLUE_TABLE_NAMES, LAKE_DATABASE, lakeTables, LANDING_PREFIX } from '../lib/catalog';
import type { AthenaTable } from '../lib/queries';
import { SHOP_TABLES } from '../schemas/shop';
import { EventsArchive } from './constructs/events-archive';
import { LakeAthena } from './constructs/lake-athena';
import { LakeBucket } from './constructs/lake-bucket';
import { LandingBucket } from './constructs/landing-bucket';
import { LakeCatalog } from './constructs/lake-catalog';
import { LakeMergeJob } from './constructs/lake-merge-job';
import { ShopReplication, type ShopSource } from './constructs/shop-replication';

/**
 * The shop database DMS reads, until the environment names its own: placeholders to replace before
 * a deploy, like the accounts in `stacks/environments.ts`.
 */
export const DEFAULT_SHOP_SOURCE: ShopSource = {
  serverName: 'shop-db.example.internal',
  port: 5432,
  databaseName: 'snowline',
  username: 'dms_replicator',
};

/** Props of {@link LakeStack}. */
export interface LakeStackProps extends StackProps {
  /**
   * The enriched stream to archive into `events/` (the stream stack's `enrichedStream`).
   *
   * @default - no events archive
   */
  readonly enrichedStream?: kinesis.IStream;
  /** The shop database. @default DEFAULT_SHOP_SOURCE (placeholders) */
  readonly source?: ShopSource;
  /**
   * The VPC DMS runs in: the database's, or one peered with it; its isolated subnets are used.
   *
   * @default - a VPC of two isolated subnets with an S3 gateway endpoint, a Secrets Manager
   *   endpoint and flow logs (enough when the database is reachable from it, e.g. through peering)
   */
  readonly vpc?: ec2.IVpc;
  /**
   * The Glue tables SageMaker Feature Store created for the offline stores, by feature group name
   * (`user_activity`: `{ database: 'sagemaker_featurestore', table: 'user_activity_1763812800' }`).
   * Feature Store names them at the features stack's first deploy, so they are props here.
   *
   * @default - none: queries reading a feature group get no named query (see `athena.skipped`)
   */
  readonly featureStoreTables?: Readonly<Record<string, AthenaTable>>;
  /** Queries scanning more bytes are cancelled. Range >= 10,000,000. @default 10 GiB */
  readonly bytesScannedCutoffPerQuery?: number;
  /** When the merge job runs, a Glue cron expression. @default 'cron(0/15 * * * ? *)' */
  readonly mergeSchedule?: string;
  /** The first date of the events' partition projection, `YYYY-MM-DD`. @default '2026-01-01' */
  readonly eventsFrom?: string;
  /** Days after which a DMS file in the landing bucket expires. Range 1-365. @default 7 (DEFAULT_LANDING_RETENTION_DAYS) */
  readonly landingRetentionDays?: number;
}

/**
 * The lake on AWS:
 * - a customer-managed key (rotating) for both buckets, the DMS files and secret, the Glue job's
 *   logs and bookmarks, and Athena's results;
 * - the lake and Athena results buckets (`LakeBucket`: TLS only, public access blocked,
 *   Intelligent-Tiering, access logs to an SSE-S3 log bucket; results expire after 30 days);
 * - the landing bucket (`LandingBucket`: a key of its own, TLS only, private, files expire after 7
 *   days, read only by the merge job's role and written only by DMS's, no Glue table);
 * - DMS Serverless, full load and CDC from the shop's PostgreSQL to the landing bucket's `shop/`
 *   (`ShopReplication`): DMS cannot pseudonymise, so its files stay out of the lake;
 * - the Glue database and tables generated from the schemas (`LakeCatalog`, lib/catalog);
 * - the merge job and its scheduled trigger (`LakeMergeJob`, glue-jobs/), which pseudonymises the
 *   shop's personal columns with the events archive's key on the way into the lake;
 * - the pseudonymisation key's secret, shared by the merge job and the events archive;
 * - the Athena workgroup and one named query per file of `queries/` (`LakeAthena`);
 * - with the enriched stream, the events archive (`EventsArchive`: Firehose, pseudonymised, Parquet by date).
 *
 * It shares nothing with other stacks but its explicit props.
 */
export class LakeStack extends Stack {
  /** The key of the lake's data. */
  readonly encryptionKey: kms.Key;
  /** The server access log bucket. */
  readonly logBucket: s3.Bucket;
  /** The lake bucket: current-state tables, the events archive. */
  readonly lakeBucket: s3.Bucket;
  /** The landing bucket of the DMS files (personal values in clear), outside the lake. */
  readonly landing: LandingBucket;
  /** The HMAC key that pseudonymises personal values, shared by the merge job and the events archive. */
  readonly pseudonymisationSecret: secretsmanager.Secret;
  /** Athena's results. */
  readonly resultsBucket: s3.Bucket;
  /** The VPC of the replication. */
  readonly vpc: ec2.IVpc;
  /** DMS. */
  readonly replication: ShopReplication;
  /** The Glue database and tables. */
  readonly catalog: LakeCatalog;
  /** The merge job. */
  readonly mergeJob: LakeMergeJob;
  /** The workgroup and named queries. */
  readonly athena: LakeAthena;
  /** The enriched events archived to `events/`, when the stream was given. */
  readonly eventsArchive?: EventsArchive;

  constructor(scope: Construct, id: string, props: LakeStackProps = {}) {
    super(scope, id, { description: 'Snowline: the data lake (DMS from the shop database, Glue catalog and merge, Athena)', ...props });
    // S3 writes the access logs under a bucket policy, not the LogDeliveryWrite ACL, so the log
    // bucket can keep ACLs disabled (the flag new CDK apps set in cdk.json; set here for this stack).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    this.encryptionKey = new kms.Key(this, 'LakeKey', { enableKeyRotation: true, description: 'Snowline: the lake data, its DMS files and secret, the merge job and Athena results' });
    // Glue's security configuration encrypts the job's CloudWatch logs with this key.
    this.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': this.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws-glue/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) } },
      }),
    );

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.logBucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the server access log bucket; logging its own access would loop.' });
    this.lakeBucket = new LakeBucket(this, 'Lake', { encryptionKey: this.encryptionKey, accessLogsBucket: this.logBucket, accessLogsPrefix: 'lake/' }).bucket;
    this.resultsBucket = new LakeBucket(this, 'AthenaResults', {
      encryptionKey: this.encryptionKey,
      accessLogsBucket: this.logBucket,
      accessLogsPrefix: 'athena-results/',
      expireAfterDays: 30,
    }).bucket;

    this.landing = new LandingBucket(this, 'Landing', {
      accessLogsBucket: this.logBucket,
      ...(props.landingRetentionDays === undefined ? {} : { expireAfterDays: props.landingRetentionDays }),
    });
    this.pseudonymisationSecret = new secretsmanager.Secret(this, 'PseudonymisationKey', {
      description: 'Snowline: the HMAC key that pseudonymises personal values (schemas/personal-fields.ts, the personal columns of schemas/shop.ts)',
      encryptionKey: this.encryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.pseudonymisationSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the key would change every pseudonym and break joins with what the lake holds; it is rotated by hand with a re-keying.',
    });

    this.vpc = props.vpc ?? this.replicationVpc();
    this.replication = new ShopReplication(this, 'Replication', {
      source: props.source ?? DEFAULT_SHOP_SOURCE,
      vpc: this.vpc,
      landingBucket: this.landing.bucket,
      landingKey: this.landing.encryptionKey,
      encryptionKey: this.encryptionKey,
    });

    const lakeUri = `s3://${this.lakeBucket.bucketName}`;
    this.catalog = new LakeCatalog(this, 'Catalog', {
      databaseName: LAKE_DATABASE,
      tables: lakeTables({ lakeUri, ...(props.eventsFrom === undefined ? {} : { eventsFrom: props.eventsFrom }) }),
    });
    this.mergeJob = new LakeMergeJob(this, 'Merge', {
      lakeBucket: this.lakeBucket,
      landingBucket: this.landing.bucket,
      landingKey: this.landing.encryptionKey,
      pseudonymisationSecret: this.pseudonymisationSecret,
      encryptionKey: this.encryptionKey,
      databaseName: LAKE_DATABASE,
      ...(props.mergeSchedule === undefined ? {} : { schedule: props.mergeSchedule }),
    });
    this.mergeJob.job.node.addDependency(this.catalog.database);
    this.landing.restrictTo({ writer: this.replication.targetRole, reader: this.mergeJob.role });

    if (props.enrichedStream !== undefined) {
      Validations.of(this).acknowledge({
        id: 'Annotation::@aws-cdk/core:crossStackReferencesDefaultStrong',
        reason: 'Strong (export/import) references on purpose: the stream stack cannot remove the stream or key the archive reads.',
      });
      this.eventsArchive = new EventsArchive(this, 'EventsArchive', {
        stream: props.enrichedStream,
        bucket: this.lakeBucket,
        encryptionKey: this.encryptionKey,
        glueDatabaseName: LAKE_DATABASE,
        glueTableName: GLUE_TABLE_NAMES.events,
        prefix: EVENTS_PREFIX,
        pseudonymisationSecret: this.pseudonymisationSecret,
      });
      // Firehose reads the events table's schema when the delivery stream is created.
      this.eventsArchive.deliveryStream.node.addDependency(this.catalog.tables.get(GLUE_TABLE_NAMES.events)!);
    }

    this.acknowledgeGrants();

    const tables: Record<string, AthenaTable> = {
      ...Object.fromEntries(SHOP_TABLES.map((t) => [t.name, { database: LAKE_DATABASE, table: GLUE_TABLE_NAMES.current(t.name) }])),
      events: { database: LAKE_DATABASE, table: GLUE_TABLE_NAMES.events },
      ...props.featureStoreTables,
    };
    this.athena = new LakeAthena(this, 'Athena', {
      resultsBucket: this.resultsBucket,
      encryptionKey: this.encryptionKey,
      databaseName: LAKE_DATABASE,
      tables,
      ...(props.bytesScannedCutoffPerQuery === undefined ? {} : { bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery }),
    });


    new CfnOutput(this, 'LakeBucketName', { description: 'The lake (current/, events/)', value: this.lakeBucket.bucketName });
    new CfnOutput(this, 'LandingBucketName', { description: 'The DMS files, personal values in clear (read only by the merge job)', value: this.landing.bucket.bucketName });
    new CfnOutput(this, 'AthenaWorkGroup', { description: 'Run the named queries here', value: this.athena.workGroup.ref });
    new CfnOutput(this, 'SourceSecretArn', { description: 'Set the DMS user password of the shop database from this secret', value: this.replication.sourceSecret.secretArn });
    new CfnOutput(this, 'MergeJobName', { description: 'The Glue merge job', value: this.mergeJob.job.ref });
  }

  /** The wildcards cdk-nag finds in the DMS and Glue roles: object names under a prefix, and the CDK's own grants. */
  private acknowledgeGrants(): void {
    const bucket = this.getLogicalId(this.lakeBucket.node.defaultChild as CfnElement);
    const landing = this.getLogicalId(this.landing.bucket.node.defaultChild as CfnElement);
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const finding = (what: string) => `AwsSolutions-IAM5[${what}]`;
    const kmsGrant = ['Action::kms:ReEncrypt*', 'Action::kms:GenerateDataKey*'].map((what) => ({
      id: finding(what),
      reason: "The CDK's encrypt/decrypt grant on the lake key; the statement names that one key.",
    }));
    Validations.of(this.replication.targetRole).acknowledge(...kmsGrant, {
      id: finding(`Resource::<${landing}.Arn>/${LANDING_PREFIX}/*`),
      reason: 'DMS names the files it writes under shop/ in the landing bucket (one folder per table, timestamped CDC files).',
    });
    Validations.of(this.mergeJob.role).acknowledge(
      ...kmsGrant,
      { id: finding(`Resource::<${landing}.Arn>/${LANDING_PREFIX}/*`), reason: 'The merge reads every landed DMS file, whose names DMS chooses.' },
      { id: finding(`Resource::<${bucket}.Arn>/${CURRENT_PREFIX}/*`), reason: 'Iceberg names the data and metadata files it writes under current/.' },
      { id: finding(`Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws-glue/*`), reason: "Glue writes the job's logs to its own /aws-glue/ log groups." },
      ...['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*`].map((what) => ({
        id: finding(what),
        reason: "The CDK's read grant on the job's script and SQL assets in the bootstrap bucket.",
      })),
    );
    if (this.eventsArchive === undefined) return;
    const archive = this.eventsArchive;
    const transform = this.getLogicalId(archive.transform.function.node.defaultChild as CfnElement);
    Validations.of(archive.role).acknowledge(
      ...kmsGrant,
      ...[archive.prefix, `${archive.prefix}-errors`].map((prefix) => ({
        id: finding(`Resource::<${bucket}.Arn>/${prefix}/*`),
        reason: 'Firehose names the files it writes under the archive and error prefixes (date partitions, its own file names).',
      })),
      { id: finding(`Resource::<${transform}.Arn>:*`), reason: "The CDK's invoke grant on the transform function covers its versions and aliases." },
    );
    Validations.of(archive.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason: 'A delivery stream reading a Kinesis stream cannot have its own server-side encryption; the source stream is KMS-encrypted, the files are written with the lake key.',
    });
  }

  /** The region's `a` and `b` zones, named rather than looked up in the account, so `cdk synth` runs offline. */
  override get availabilityZones(): string[] {
    return replicationZones(this.region);
  }

  /** Two isolated subnets, the endpoints DMS needs without a NAT (S3, Secrets Manager), and flow logs. */
  private replicationVpc(): ec2.Vpc {
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'replication', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });
    const secrets = vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    Validations.of(secrets).acknowledge({ id: 'AwsSolutions-EC23', reason: "The endpoint's group admits HTTPS from the VPC's own CIDR only (a token cdk-nag cannot read)." });
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toS3(this.logBucket, 'vpc-flow-logs/') });
    return vpc;
  }
}

/**
 * The two zones of the replication VPC: the region's `a` and `b` zones, which every commercial
 * region has, so `cdk synth` needs no lookup in the account.
 */
function replicationZones(region: string): string[] {
  return Token.isUnresolved(region) ? [Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())] : [`${region}a`, `${region}b`];
}
