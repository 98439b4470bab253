/**
 * The Glue job that merges the DMS files of the landing bucket into the lake's current-state
 * Iceberg tables, pseudonymising the personal columns, its role, security configuration and
 * scheduled trigger.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CURRENT_PREFIX, LANDING_PREFIX, mergeSqlFileName, personalColumnsJson, PSEUDONYM_FUNCTION, renderMergeSql } from '../../lib/catalog';
import { SHOP_SCHEMA, SHOP_TABLES, type ShopTable } from '../../schemas/shop';
import { checkPattern } from '../prop-checks';

/** Where the job's code is, from the repository root. */
export const LAKE_MERGE_JOB_PATHS = {
  script: fileURLToPath(new URL('../../glue-jobs/merge_current.py', import.meta.url)),
  /** The pseudonym function (`--extra-py-files`), pure Python, tested against the TypeScript pseudonymiser. */
  pseudonymModule: fileURLToPath(new URL('../../glue-jobs/pseudonym.py', import.meta.url)),
  sqlTemplate: fileURLToPath(new URL('../../glue-jobs/merge.sql', import.meta.url)),
} as const;

/** What the job does to the Glue catalog: read the lake tables and commit Iceberg snapshots. */
export const LAKE_MERGE_GLUE_ACTIONS = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:UpdateTable'] as const;

/** What the job reads: the landed DMS files and the current tables' data and metadata. */
export const LAKE_MERGE_READ_ACTIONS = ['s3:GetObject', 's3:ListBucket'] as const;

/** What the job writes: the current tables' new data and metadata files (Iceberg deletes unreferenced ones). */
export const LAKE_MERGE_WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject'] as const;

/** Where the job writes its logs: Glue's own log groups. */
export const LAKE_MERGE_LOG_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:AssociateKmsKey'] as const;

/** Props of {@link LakeMergeJob}. */
export interface LakeMergeJobProps {
  /** The lake bucket (current tables out). */
  readonly lakeBucket: s3.IBucket;
  /** The landing bucket (DMS files in, personal values in clear): the job is its only reader. */
  readonly landingBucket: s3.IBucket;
  /** The landing bucket's key. */
  readonly landingKey: kms.IKey;
  /** The pseudonymisation key's secret, the events archive's, so lake customer ids join the archive's `user_id`. */
  readonly pseudonymisationSecret: secretsmanager.ISecret;
  /** The lake key: the bucket's, and the job's logs and bookmarks. */
  readonly encryptionKey: kms.IKey;
  /** The Glue database of the current-state tables. */
  readonly databaseName: string;
  /** The shop tables to merge. @default SHOP_TABLES */
  readonly shopTables?: readonly ShopTable[];
  /**
   * When the trigger starts the job, a Glue cron expression.
   *
   * @default 'cron(0/15 * * * ? *)' (every 15 minutes)
   */
  readonly schedule?: string;
}

/**
 * The merge on AWS: a Glue 5.0 Spark job running `glue-jobs/merge_current.py`, which runs, for
 * each shop table, `glue-jobs/merge.sql` filled for that table at synth (`renderMergeSql`, one S3
 * asset per table, passed as `--merge_sql`) as an Iceberg `MERGE INTO` over every file of the
 * landing bucket, each personal column (`--personal_columns`, from `schemas/shop.ts`) replaced
 * by its pseudonym with the key read from `pseudonymisationSecret` (`glue-jobs/pseudonym.py`); one
 * run at a time, started by a scheduled trigger. A security configuration encrypts its logs,
 * bookmarks and S3 output with the lake key.
 *
 * @see https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-format-iceberg.html
 */
export class LakeMergeJob extends Construct {
  /** The job. */
  readonly job: glue.CfnJob;
  /** Its role. */
  readonly role: iam.Role;
  /** The trigger that starts it. */
  readonly trigger: glue.CfnTrigger;
  /** The rendered merge SQL, by table, as uploaded. */
  readonly mergeSql: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: LakeMergeJobProps) {
    super(scope, id);
    const schedule = props.schedule ?? 'cron(0/15 * * * ? *)';
    checkPattern(this, 'schedule', schedule, /^cron\([^()]+\)$/, 'a Glue cron expression, cron(...)');
    const tables = props.shopTables ?? SHOP_TABLES;
    const stack = Stack.of(this);
    const bucket = props.lakeBucket;

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: 'Snowline: the lake merge Glue job',
    });
    const glueArn = (resource: string, resourceName?: string) => stack.formatArn({ service: 'glue', resource, ...(resourceName === undefined ? {} : { resourceName }) });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...LAKE_MERGE_GLUE_ACTIONS],
        resources: [glueArn('catalog'), glueArn('database', props.databaseName), ...tables.map((t) => glueArn('table', `${props.databaseName}/${t.name}`))],
      }),
    );
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...LAKE_MERGE_READ_ACTIONS], resources: [bucket.bucketArn, bucket.arnForObjects(`${CURRENT_PREFIX}/*`)] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...LAKE_MERGE_READ_ACTIONS], resources: [props.landingBucket.bucketArn, props.landingBucket.arnForObjects(`${LANDING_PREFIX}/*`)] }),
    );
    props.landingKey.grantDecrypt(this.role);
    props.pseudonymisationSecret.grantRead(this.role);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...LAKE_MERGE_WRITE_ACTIONS], resources: [bucket.arnForObjects(`${CURRENT_PREFIX}/*`)] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...LAKE_MERGE_LOG_ACTIONS],
        resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws-glue/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    props.encryptionKey.grantEncryptDecrypt(this.role);

    const script = new s3assets.Asset(this, 'Script', { path: LAKE_MERGE_JOB_PATHS.script });
    script.grantRead(this.role);
    const pseudonymModule = new s3assets.Asset(this, 'PseudonymModule', { path: LAKE_MERGE_JOB_PATHS.pseudonymModule });
    pseudonymModule.grantRead(this.role);
    const template = readFileSync(LAKE_MERGE_JOB_PATHS.sqlTemplate, 'utf8');
    const sqlDir = mkdtempSync(join(tmpdir(), 'snowline-merge-sql-'));
    const mergeSql = new Map<string, string>();
    const sqlArgument = tables.map((table) => {
      const sql = renderMergeSql(template, table);
      mergeSql.set(table.name, sql);
      const path = join(sqlDir, mergeSqlFileName(table.name));
      writeFileSync(path, sql);
      const asset = new s3assets.Asset(this, `Sql${table.name}`, { path });
      asset.grantRead(this.role);
      return `${table.name}=${asset.s3ObjectUrl}`;
    });
    // Each asset has copied its file into the assembly (staging happens in its constructor).
    rmSync(sqlDir, { recursive: true, force: true });
    this.mergeSql = mergeSql;

    const security = new glue.CfnSecurityConfiguration(this, 'Security', {
      name: `${stack.stackName}-lake-merge`,
      encryptionConfiguration: {
        cloudWatchEncryption: { cloudWatchEncryptionMode: 'SSE-KMS', kmsKeyArn: props.encryptionKey.keyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: props.encryptionKey.keyArn },
        s3Encryptions: [{ s3EncryptionMode: 'SSE-KMS', kmsKeyArn: props.encryptionKey.keyArn }],
      },
    });
    const warehouse = `s3://${bucket.bucketName}/${CURRENT_PREFIX}/`;
    this.job = new glue.CfnJob(this, 'Job', {
      description: 'Snowline: merges the landed DMS files into the current-state Iceberg tables, personal columns pseudonymised (glue-jobs/merge.sql)',
      role: this.role.roleArn,
      glueVersion: '5.0',
      workerType: 'G.1X',
      numberOfWorkers: 2,
      timeout: 60,
      maxRetries: 1,
      executionProperty: { maxConcurrentRuns: 1 },
      securityConfiguration: security.ref,
      command: { name: 'glueetl', pythonVersion: '3', scriptLocation: script.s3ObjectUrl },
      defaultArguments: {
        '--datalake-formats': 'iceberg',
        '--conf': [
          'spark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
          'spark.sql.catalog.glue_catalog=org.apache.iceberg.spark.SparkCatalog',
          'spark.sql.catalog.glue_catalog.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog',
          'spark.sql.catalog.glue_catalog.io-impl=org.apache.iceberg.aws.s3.S3FileIO',
          `spark.sql.catalog.glue_catalog.warehouse=${warehouse}`,
        ].join(' --conf '),
        '--extra-py-files': pseudonymModule.s3ObjectUrl,
        '--landing_path': `s3://${props.landingBucket.bucketName}/${LANDING_PREFIX}/${SHOP_SCHEMA}/`,
        '--database': props.databaseName,
        '--merge_sql': sqlArgument.join(','),
        '--personal_columns': personalColumnsJson(tables),
        '--pseudonym_function': PSEUDONYM_FUNCTION,
        '--pseudonymisation_secret_arn': props.pseudonymisationSecret.secretArn,
        '--job-bookmark-option': 'job-bookmark-disable',
        '--enable-continuous-cloudwatch-log': 'true',
      },
    });
    this.trigger = new glue.CfnTrigger(this, 'Trigger', {
      description: 'Snowline: runs the lake merge on a schedule',
      type: 'SCHEDULED',
      schedule,
      startOnCreation: true,
      actions: [{ jobName: this.job.ref }],
    });
  }
}
