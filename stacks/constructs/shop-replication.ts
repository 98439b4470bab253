/**
 * AWS DMS replicating the shop's PostgreSQL into the landing bucket: full load, then CDC, as Parquet.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CHANGE_SEQUENCE_LENGTH, DMS_COLUMNS, LANDING_PREFIX } from '../../lib/catalog';
import { SHOP_SCHEMA, SHOP_TABLES, type ShopTable } from '../../schemas/shop';
import { checkInteger, checkOneOf, checkPattern } from '../prop-checks';

/** What DMS does in the landing bucket as an S3 target (under the landing prefix only). */
export const DMS_S3_TARGET_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging'] as const;

/** What DMS does on the bucket itself as an S3 target. */
export const DMS_S3_BUCKET_ACTIONS = ['s3:ListBucket'] as const;

/** The capacity units DMS Serverless accepts. */
export const DMS_CAPACITY_UNITS = [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384] as const;

/** The shop database DMS reads. */
export interface ShopSource {
  /** The PostgreSQL host (RDS endpoint). */
  readonly serverName: string;
  /** Its port. Range 1-65535. */
  readonly port: number;
  /** The database holding the shop's tables in schema `public`. */
  readonly databaseName: string;
  /** The replication user (needs the `rds_replication` role on RDS). */
  readonly username: string;
}

/** Props of {@link ShopReplication}. */
export interface ShopReplicationProps {
  /** The shop database. */
  readonly source: ShopSource;
  /** The VPC DMS runs in; it must reach the database and S3. */
  readonly vpc: ec2.IVpc;
  /**
   * The landing bucket, outside the lake (DMS writes personal values in clear); DMS writes
   * `shop/public/<table>/` in it.
   */
  readonly landingBucket: s3.IBucket;
  /** The landing bucket's key: encrypts the DMS files (SSE-KMS). */
  readonly landingKey: kms.IKey;
  /** The lake key: encrypts the source secret. */
  readonly encryptionKey: kms.IKey;
  /** The tables to replicate. @default SHOP_TABLES */
  readonly shopTables?: readonly ShopTable[];
  /** DMS Serverless capacity units at most. One of 1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384. @default 4 */
  readonly maxCapacityUnits?: number;
}

/**
 * DMS Serverless, full load and CDC from the shop's PostgreSQL to the landing bucket (the Glue
 * merge pseudonymises on the way into the lake), with exactly the
 * settings the local replicator imitates:
 * - the source endpoint reads its credentials from a Secrets Manager secret (generated here,
 *   encrypted with the lake key; set the same password on the database user) over TLS, with
 *   logical decoding through `test_decoding`;
 * - the S3 target writes Parquet under `shop` (`BucketFolder`) in the landing bucket, SSE-KMS with its key,
 *   `IncludeOpForFullLoad`, `TimestampColumnName` `dms_commit_ts`, microsecond timestamps;
 * - the table mappings select the shop tables in `public` and add `dms_change_seq`
 *   (`$AR_H_CHANGE_SEQ`, a 35-character string) to every row.
 *
 * DMS needs the account-wide role `dms-vpc-role` (created once per account by the console or
 * `aws iam create-role`) before its first subnet group.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.S3.html
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Serverless.html
 */
export class ShopReplication extends Construct {
  /** The secret DMS connects to the source with. */
  readonly sourceSecret: secretsmanager.Secret;
  /** The source endpoint (PostgreSQL). */
  readonly sourceEndpoint: dms.CfnEndpoint;
  /** The target endpoint (S3, Parquet). */
  readonly targetEndpoint: dms.CfnEndpoint;
  /** The DMS Serverless replication (full load and CDC). */
  readonly replication: dms.CfnReplicationConfig;
  /** The security group of the replication. */
  readonly securityGroup: ec2.SecurityGroup;
  /** The role DMS writes the landing bucket with. */
  readonly targetRole: iam.Role;

  constructor(scope: Construct, id: string, props: ShopReplicationProps) {
    super(scope, id);
    const { source } = props;
    checkInteger(this, 'source.port', source.port, { min: 1, max: 65_535 });
    checkPattern(this, 'source.serverName', source.serverName, /^[a-zA-Z0-9.-]{1,253}$/, 'a host name');
    checkPattern(this, 'source.databaseName', source.databaseName, /^[a-zA-Z_][a-zA-Z0-9_$]{0,62}$/, 'a PostgreSQL database name');
    const maxCapacityUnits = props.maxCapacityUnits ?? 4;
    checkOneOf(this, 'maxCapacityUnits', maxCapacityUnits, DMS_CAPACITY_UNITS);
    const tables = props.shopTables ?? SHOP_TABLES;
    const region = Stack.of(this).region;

    this.sourceSecret = new secretsmanager.Secret(this, 'SourceSecret', {
      description: `Snowline: DMS's login to the shop database ${source.databaseName} on ${source.serverName}`,
      encryptionKey: props.encryptionKey,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: source.username, host: source.serverName, port: source.port }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
    });
    Validations.of(this.sourceSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The password belongs to the shop database user; rotating it needs a rotation function for that database, which its owner runs. DMS reads the current value at each connection.',
    });
    const secretRole = new iam.Role(this, 'SecretAccessRole', {
      assumedBy: new iam.ServicePrincipal(`dms.${region}.amazonaws.com`),
      description: 'Snowline: lets DMS read the shop database secret',
    });
    this.sourceSecret.grantRead(secretRole);

    this.sourceEndpoint = new dms.CfnEndpoint(this, 'Source', {
      endpointType: 'source',
      engineName: 'postgres',
      databaseName: source.databaseName,
      sslMode: 'require',
      postgreSqlSettings: {
        secretsManagerSecretId: this.sourceSecret.secretArn,
        secretsManagerAccessRoleArn: secretRole.roleArn,
        pluginName: 'test_decoding',
      },
    });
    this.sourceEndpoint.node.addDependency(secretRole);

    const targetRole = (this.targetRole = new iam.Role(this, 'TargetRole', {
      assumedBy: new iam.ServicePrincipal('dms.amazonaws.com'),
      description: `Snowline: lets DMS write ${LANDING_PREFIX}/ in the landing bucket`,
    }));
    targetRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...DMS_S3_TARGET_ACTIONS], resources: [props.landingBucket.arnForObjects(`${LANDING_PREFIX}/*`)] }));
    targetRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...DMS_S3_BUCKET_ACTIONS], resources: [props.landingBucket.bucketArn] }));
    props.landingKey.grantEncryptDecrypt(targetRole);
    this.targetEndpoint = new dms.CfnEndpoint(this, 'Target', {
      endpointType: 'target',
      engineName: 's3',
      s3Settings: {
        bucketName: props.landingBucket.bucketName,
        bucketFolder: LANDING_PREFIX,
        serviceAccessRoleArn: targetRole.roleArn,
        dataFormat: 'parquet',
        parquetVersion: 'parquet-2-0',
        parquetTimestampInMillisecond: false,
        includeOpForFullLoad: true,
        timestampColumnName: DMS_COLUMNS.commitTimestamp,
        encryptionMode: 'SSE_KMS',
        serverSideEncryptionKmsKeyId: props.landingKey.keyArn,
        cdcMaxBatchInterval: 60,
      },
    });
    this.targetEndpoint.node.addDependency(targetRole);

    const subnets = new dms.CfnReplicationSubnetGroup(this, 'Subnets', {
      replicationSubnetGroupDescription: 'Snowline: subnets of the shop replication',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Snowline: the shop replication (outbound to PostgreSQL and S3 only)',
      allowAllOutbound: true,
    });
    this.replication = new dms.CfnReplicationConfig(this, 'Replication', {
      replicationConfigIdentifier: `${Stack.of(this).stackName}-shop`.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
      replicationType: 'full-load-and-cdc',
      sourceEndpointArn: this.sourceEndpoint.ref,
      targetEndpointArn: this.targetEndpoint.ref,
      computeConfig: {
        maxCapacityUnits,
        replicationSubnetGroupId: subnets.ref,
        vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
        multiAz: false,
      },
      tableMappings: shopTableMappings(tables),
      replicationSettings: { Logging: { EnableLogging: true } },
    });
  }
}

/**
 * DMS table mappings for the shop: one selection rule per table of `public`, and a
 * transformation rule adding `dms_change_seq` (`$AR_H_CHANGE_SEQ`) to every table.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Expressions.html
 */
export function shopTableMappings(tables: readonly ShopTable[]): { rules: Record<string, unknown>[] } {
  return {
    rules: [
      ...tables.map((table, index) => ({
        'rule-type': 'selection',
        'rule-id': String(index + 1),
        'rule-name': `include-${table.name}`,
        'object-locator': { 'schema-name': SHOP_SCHEMA, 'table-name': table.name },
        'rule-action': 'include',
      })),
      {
        'rule-type': 'transformation',
        'rule-id': String(tables.length + 1),
        'rule-name': 'add-change-sequence',
        'rule-target': 'column',
        'object-locator': { 'schema-name': SHOP_SCHEMA, 'table-name': '%' },
        'rule-action': 'add-column',
        value: DMS_COLUMNS.changeSequence,
        expression: '$AR_H_CHANGE_SEQ',
        'data-type': { type: 'string', length: CHANGE_SEQUENCE_LENGTH },
      },
    ],
  };
}
