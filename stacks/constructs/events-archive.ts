/**
 * The events archive on AWS: a Firehose delivery stream from the enriched Kinesis stream to the
 * lake bucket, pseudonymising in a transform Lambda and converting to Parquet with the Glue
 * events table's schema, partitioned by collector date.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ARCHIVE_PARTITION_KEY, ARCHIVE_TRANSFORM_ENV } from '../../handlers/archive-transform';
import { IP_ADDRESS_MODES, type IpAddressMode } from '../../lib/privacy';
import { PSEUDONYMISATION } from '../config';
import { checkInteger, checkOneOf, checkPattern, checkS3Prefix } from '../prop-checks';
import { logEncryptionKey } from './log-encryption-key';
import { SnowlineFunction } from './snowline-function';

/** What Firehose does in the bucket while delivering (the list its documentation gives). */
export const ARCHIVE_S3_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:GetBucketLocation',
  's3:GetObject',
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:PutObject',
] as const;

/** What Firehose reads of the Glue table whose schema converts the records to Parquet. */
export const ARCHIVE_GLUE_ACTIONS = ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'] as const;

/** The transform handler's module. */
export const ARCHIVE_TRANSFORM_ENTRY = new URL('../../handlers/archive-transform.ts', import.meta.url).pathname;

/** Glue database and table names: lower-case letters, digits and `_`, 1-255 characters. */
const GLUE_NAME = /^[a-z0-9_]{1,255}$/;

/** Props of {@link EventsArchive}. */
export interface EventsArchiveProps {
  /** The enriched stream (KMS-encrypted; Firehose reads it with `grantRead`). */
  readonly stream: kinesis.IStream;
  /** The lake bucket. */
  readonly bucket: s3.IBucket;
  /** The lake's customer-managed key: the archive files are written with it. */
  readonly encryptionKey: kms.IKey;
  /** The Glue database of the events table, e.g. `snowline_lake`. Lower-case `[a-z0-9_]`. */
  readonly glueDatabaseName: string;
  /** The Glue events table whose columns the records are converted with, e.g. `events`. Lower-case `[a-z0-9_]`. */
  readonly glueTableName: string;
  /**
   * Where the archive goes in the bucket: `<prefix>/date=YYYY-MM-DD/`, the events table's location.
   *
   * @default 'events'
   */
  readonly prefix?: string;
  /**
   * The secret holding the pseudonymisation key (a SecretString of at least 32 characters), shared
   * with whatever else pseudonymises with it, so pseudonyms join.
   *
   * @default - a new secret of 64 generated alphanumeric characters, encrypted with `encryptionKey`
   */
  readonly pseudonymisationSecret?: secretsmanager.ISecret;
  /**
   * How IP addresses are pseudonymised: their keyed hash, or truncated to /24 (IPv4) and /48 (IPv6).
   *
   * @default PSEUDONYMISATION.ipAddresses (stacks/config.ts, shared with the local archiver)
   */
  readonly ipAddresses?: IpAddressMode;
  /**
   * Firehose's buffer size before it writes a file. Range 64-128 MiB (the range with format
   * conversion); the local archiver uses the same default.
   *
   * @default 64
   */
  readonly bufferSizeMiB?: number;
  /**
   * Firehose's buffer interval before it writes a file. Range 60-900 seconds.
   *
   * @default Duration.seconds(60)
   */
  readonly bufferInterval?: Duration;
}

/**
 * The enriched stream archived to the lake as Parquet partitioned by collector date, with
 * personal data pseudonymised before it is stored:
 * - a Firehose delivery stream reading the enriched stream (Kinesis as source);
 * - a transform Lambda (`handlers/archive-transform.ts`) that decodes the TSV lines, pseudonymises
 *   the fields of `schemas/personal-fields.ts` with the key from Secrets Manager, emits JSON rows
 *   and the collector date as the dynamic-partitioning key;
 * - record format conversion to Parquet (Snappy) with the Glue events table's schema;
 * - files under `<prefix>/date=YYYY-MM-DD/`, encrypted with the lake's key; records that fail go
 *   to `<prefix>-errors/`;
 * - delivery logs in an encrypted log group.
 *
 * @example
 * ```ts
 * new EventsArchive(this, 'EventsArchive', {
 *   stream: props.enrichedStream, bucket: lakeBucket, encryptionKey,
 *   glueDatabaseName: 'snowline_lake', glueTableName: 'events',
 * });
 * ```
 * @see https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
 */
export class EventsArchive extends Construct {
  /** The delivery stream. */
  readonly deliveryStream: firehose.CfnDeliveryStream;
  /** The role Firehose delivers with. */
  readonly role: iam.Role;
  /** The transform function. */
  readonly transform: SnowlineFunction;
  /** The pseudonymisation key's secret. */
  readonly pseudonymisationSecret: secretsmanager.ISecret;
  /** The key prefix of the archive. */
  readonly prefix: string;

  constructor(scope: Construct, id: string, props: EventsArchiveProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'events';
    checkS3Prefix(this, 'prefix', prefix);
    checkPattern(this, 'glueDatabaseName', props.glueDatabaseName, GLUE_NAME, '1-255 characters of a-z, 0-9 and "_"');
    checkPattern(this, 'glueTableName', props.glueTableName, GLUE_NAME, '1-255 characters of a-z, 0-9 and "_"');
    const ipAddresses = props.ipAddresses ?? PSEUDONYMISATION.ipAddresses;
    checkOneOf(this, 'ipAddresses', ipAddresses, IP_ADDRESS_MODES);
    const bufferSizeMiB = props.bufferSizeMiB ?? 64;
    checkInteger(this, 'bufferSizeMiB', bufferSizeMiB, { min: 64, max: 128, unit: 'MiB' });
    const bufferInterval = props.bufferInterval ?? Duration.seconds(60);
    if (!bufferInterval.isUnresolved()) checkInteger(this, 'bufferInterval', bufferInterval.toSeconds(), { min: 60, max: 900, unit: 'seconds' });
    this.prefix = prefix;

    this.pseudonymisationSecret =
      props.pseudonymisationSecret ??
      new secretsmanager.Secret(this, 'PseudonymisationKey', {
        description: 'Snowline: the HMAC key that pseudonymises personal fields (schemas/personal-fields.ts)',
        encryptionKey: props.encryptionKey,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      });
    if (props.pseudonymisationSecret === undefined) {
      Validations.of(this.pseudonymisationSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'Rotating the key would change every pseudonym and break joins with what was archived before; it is rotated by hand with a re-keying.',
      });
    }

    this.transform = new SnowlineFunction(this, 'Transform', {
      entry: ARCHIVE_TRANSFORM_ENTRY,
      serviceName: 'archive-transform',
      description: 'Snowline: pseudonymises enriched events and emits them as JSON rows for the events archive',
      environment: { [ARCHIVE_TRANSFORM_ENV.secretArn]: this.pseudonymisationSecret.secretArn, [ARCHIVE_TRANSFORM_ENV.ipAddresses]: ipAddresses },
      timeout: Duration.minutes(1),
      memorySize: 1024,
    });
    this.pseudonymisationSecret.grantRead(this.transform);

    const logGroup = new logs.LogGroup(this, 'DeliveryLogs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: logEncryptionKey(this) });
    const logStream = new logs.LogStream(this, 'DeliveryLogStream', { logGroup });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
      description: `Snowline: Firehose of ${this.node.path}`,
    });
    props.stream.grantRead(this.role);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...ARCHIVE_S3_ACTIONS],
        resources: [props.bucket.bucketArn, props.bucket.arnForObjects(`${prefix}/*`), props.bucket.arnForObjects(`${prefix}-errors/*`)],
      }),
    );
    props.encryptionKey.grantEncryptDecrypt(this.role);
    this.transform.function.grantInvoke(this.role);
    logGroup.grantWrite(this.role);
    const stack = Stack.of(this);
    const glue = (resource: string, resourceName?: string) => stack.formatArn({ service: 'glue', resource, ...(resourceName === undefined ? {} : { resourceName }) });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...ARCHIVE_GLUE_ACTIONS],
        resources: [glue('catalog'), glue('database', props.glueDatabaseName), glue('table', `${props.glueDatabaseName}/${props.glueTableName}`)],
      }),
    );

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'KinesisStreamAsSource',
      kinesisStreamSourceConfiguration: { kinesisStreamArn: props.stream.streamArn, roleArn: this.role.roleArn },
      extendedS3DestinationConfiguration: {
        bucketArn: props.bucket.bucketArn,
        roleArn: this.role.roleArn,
        prefix: `${prefix}/date=!{partitionKeyFromLambda:${ARCHIVE_PARTITION_KEY}}/`,
        errorOutputPrefix: `${prefix}-errors/!{firehose:error-output-type}/date=!{timestamp:yyyy-MM-dd}/`,
        bufferingHints: { sizeInMBs: bufferSizeMiB, intervalInSeconds: bufferInterval.toSeconds() },
        // Format conversion writes Parquet with its own (Snappy) compression; the S3 setting must be off.
        compressionFormat: 'UNCOMPRESSED',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: props.encryptionKey.keyArn } },
        cloudWatchLoggingOptions: { enabled: true, logGroupName: logGroup.logGroupName, logStreamName: logStream.logStreamName },
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'Lambda',
              parameters: [
                { parameterName: 'LambdaArn', parameterValue: this.transform.function.functionArn },
                { parameterName: 'BufferSizeInMBs', parameterValue: '1' },
                { parameterName: 'BufferIntervalInSeconds', parameterValue: '60' },
              ],
            },
          ],
        },
        dataFormatConversionConfiguration: {
          enabled: true,
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: stack.account,
            databaseName: props.glueDatabaseName,
            tableName: props.glueTableName,
            region: stack.region,
            roleArn: this.role.roleArn,
            versionId: 'LATEST',
          },
        },
      },
    });
    // The role's policy must exist before Firehose checks that it can read the stream.
    this.deliveryStream.node.addDependency(this.role);
  }
}
