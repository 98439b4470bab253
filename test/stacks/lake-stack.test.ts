import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { lakeTables, personalColumnsJson, PSEUDONYM_FUNCTION, renderMergeSql } from '../../lib/catalog';
import { placeholdersOf, toAthena } from '../../lib/queries';
import { SHOP_TABLES } from '../../schemas/shop';
import { LakeAthena, QUERIES_DIR } from '../../stacks/constructs/lake-athena';
import { LakeBucket } from '../../stacks/constructs/lake-bucket';
import { LandingBucket } from '../../stacks/constructs/landing-bucket';
import { LAKE_MERGE_JOB_PATHS, LakeMergeJob } from '../../stacks/constructs/lake-merge-job';
import { shopTableMappings } from '../../stacks/constructs/shop-replication';
import { InvalidPropError } from '../../stacks/errors';
import { DEFAULT_SHOP_SOURCE, LakeStack, type LakeStackProps } from '../../stacks/lake-stack';
import { StreamStack } from '../../stacks/stream-stack';
import { captureError, logicalId } from './reporting-helpers';

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** A lake stack in a fresh app that skips bundling (the template is what is tested); with `withStream`, fed by a stream stack's enriched stream. */
function lakeApp(props: LakeStackProps = {}, withStream = false) {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-lake-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const streams = withStream ? new StreamStack(app, 'Streams', props.env ? { env: props.env } : {}) : undefined;
  const stack = new LakeStack(app, 'Lake', { ...props, ...(streams ? { enrichedStream: streams.enrichedStream } : {}) });
  return { stack, streams, template: Template.fromStack(stack) };
}

// The stack as the app builds it (a concrete account and region, the enriched stream archived),
// and a variant with the Feature Store tables given, another schedule and limit, no stream, and no
// account or region.
const { stack, template } = lakeApp({ env: { account: '111111111111', region: 'eu-west-1' } }, true);
const FEATURE_TABLES = {
  user_activity: { database: 'sagemaker_featurestore', table: 'user_activity_1763812800' },
  product_activity: { database: 'sagemaker_featurestore', table: 'product_activity_1763812800' },
};
const variant = lakeApp({ featureStoreTables: FEATURE_TABLES, mergeSchedule: 'cron(0 * * * ? *)', bytesScannedCutoffPerQuery: 1_000_000_000 });
/** The logical id of an L1 resource of the main stack. */
const cfnId = (element: CfnElement) => stack.getLogicalId(element);
const key = { 'Fn::GetAtt': [logicalId(stack, stack.encryptionKey), 'Arn'] };
const landingKey = { 'Fn::GetAtt': [logicalId(stack, stack.landing.encryptionKey), 'Arn'] };
const landingArn = { 'Fn::GetAtt': [logicalId(stack, stack.landing.bucket), 'Arn'] };
/** Every IAM policy statement of a template, with the policy's roles. */
function policyStatements(t: Template): { roles: unknown[]; statement: { Effect: string; Action: string | string[]; Resource: unknown } }[] {
  return Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown }[]).map((statement) => ({ roles: p.Properties.Roles as unknown[], statement })),
  );
}
/** Whether a statement's resources name `target` (an ARN token), alone or inside a join. */
const names = (resource: unknown, target: unknown): boolean => JSON.stringify(resource).includes(JSON.stringify(target));
const QUERY_FILES = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql')).sort();

describe('LakeStack: buckets', () => {
  it.each([
    ['lake', () => stack.lakeBucket, 'lake/'],
    ['Athena results', () => stack.resultsBucket, 'athena-results/'],
  ] as const)('the %s bucket: KMS with the lake key, public access blocked, versioned, Intelligent-Tiering, access logs', (_name, bucket, prefix) => {
    // GIVEN the stack WHEN its bucket is read THEN it has every protection the issue asks for
    const resources = template.findResources('AWS::S3::Bucket');
    const props = resources[logicalId(stack, bucket())]!.Properties;
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key },
    });
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalId(stack, stack.logBucket) }, LogFilePrefix: prefix });
    expect(props.LifecycleConfiguration.Rules[0]).toMatchObject({
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }],
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    });
  });

  it('expires Athena results after 30 days, never the lake; every bucket refuses plain HTTP', () => {
    // GIVEN the stack WHEN the lifecycle and bucket policies are read
    const buckets = template.findResources('AWS::S3::Bucket');
    // THEN only the results (and the access logs) expire
    expect(buckets[logicalId(stack, stack.resultsBucket)]!.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30);
    expect(buckets[logicalId(stack, stack.lakeBucket)]!.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBeUndefined();
    // AND each of the three buckets has a policy denying requests without TLS
    for (const bucket of [stack.lakeBucket, stack.resultsBucket, stack.logBucket]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(stack, bucket) },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('LakeStack: the landing bucket of the DMS files', () => {
  const buckets = template.findResources('AWS::S3::Bucket');
  const props = buckets[logicalId(stack, stack.landing.bucket)]!.Properties;
  const mergeRole = { 'Fn::GetAtt': [logicalId(stack, stack.mergeJob.role), 'Arn'] };
  const dmsRole = { 'Fn::GetAtt': [logicalId(stack, stack.replication.targetRole), 'Arn'] };

  it('is encrypted with a rotating customer-managed key of its own, private, unversioned, logged, and its files expire after 7 days', () => {
    // GIVEN the stack WHEN the landing bucket is read
    expect(props.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: landingKey } });
    expect(landingKey).not.toEqual(key);
    template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), UpdateReplacePolicy: 'Retain' });
    expect(template.findResources('AWS::KMS::Key')[logicalId(stack, stack.landing.encryptionKey)]!.Properties.EnableKeyRotation).toBe(true);
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.VersioningConfiguration).toBeUndefined();
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: logicalId(stack, stack.logBucket) }, LogFilePrefix: 'landing/' });
    // THEN every file expires after 7 days (the bucket keeps no old versions), 3 with the prop
    expect(props.LifecycleConfiguration.Rules).toEqual([{ Id: 'expire-landed-files', Status: 'Enabled', ExpirationInDays: 7, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }]);
    const short = lakeApp({ landingRetentionDays: 3 });
    expect(short.template.findResources('AWS::S3::Bucket')[logicalId(short.stack, short.stack.landing.bucket)]!.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(3);
  });

  it('refuses plain HTTP, reading by anyone but the merge job and writing by anyone but DMS', () => {
    // GIVEN the landing bucket's policy WHEN its statements are read
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(stack, stack.landing.bucket) }))!;
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, unknown>[];
    // THEN TLS is required, and two denies name the only reader and the only writer
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const objects = { 'Fn::Join': ['', [landingArn, '/*']] };
    expect(statements).toContainEqual({ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: objects, Condition: { ArnNotEquals: { 'aws:PrincipalArn': mergeRole } } });
    expect(statements).toContainEqual({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: objects, Condition: { ArnNotEquals: { 'aws:PrincipalArn': dmsRole } } });
  });

  it('is granted to the merge job (read, decrypt) and DMS (write) only: no Athena, analyst or other role, and no Glue table', () => {
    // GIVEN every IAM statement of the stack WHEN those naming the landing bucket or its key are read
    const touching = policyStatements(template).filter(({ statement }) => names(statement.Resource, landingArn) || names(statement.Resource, landingKey) || names(statement.Resource, { Ref: logicalId(stack, stack.landing.bucket) }));
    const roles = new Set(touching.flatMap((t) => t.roles.map((r) => JSON.stringify(r))));
    // THEN only the merge job's and DMS's roles have any
    expect(roles).toEqual(new Set([JSON.stringify({ Ref: logicalId(stack, stack.mergeJob.role) }), JSON.stringify({ Ref: logicalId(stack, stack.replication.targetRole) })]));
    // AND the merge job reads (never writes) the DMS folder and may decrypt, DMS writes it
    const mergeActions = touching.filter((t) => JSON.stringify(t.roles).includes(logicalId(stack, stack.mergeJob.role))).flatMap((t) => [t.statement.Action].flat());
    expect(mergeActions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(mergeActions).toContain('kms:Decrypt');
    expect(mergeActions.some((a) => a.startsWith('kms:Encrypt') || a.startsWith('kms:GenerateDataKey'))).toBe(false);
    const dmsActions = touching.filter((t) => JSON.stringify(t.roles).includes(logicalId(stack, stack.replication.targetRole))).flatMap((t) => [t.statement.Action].flat());
    expect(dmsActions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:ListBucket']));
    expect(dmsActions).not.toContain('s3:GetObject');
    // AND the Athena workgroup writes its results elsewhere; no Glue table is over the landing bucket
    expect(JSON.stringify(template.findResources('AWS::Athena::WorkGroup'))).not.toContain(logicalId(stack, stack.landing.bucket));
    expect(JSON.stringify(template.findResources('AWS::Glue::Table'))).not.toContain(logicalId(stack, stack.landing.bucket));
  });
});

describe('LakeStack: DMS', () => {
  it('targets the landing bucket, not the lake, with the settings the local replicator imitates', () => {
    // GIVEN the stack WHEN the S3 target endpoint is read THEN Parquet under shop/ of the landing bucket, Op on the full load, the commit time column, SSE-KMS with the landing key
    template.hasResourceProperties('AWS::DMS::Endpoint', {
      EndpointType: 'target',
      EngineName: 's3',
      S3Settings: Match.objectLike({
        BucketName: { Ref: logicalId(stack, stack.landing.bucket) },
        BucketFolder: 'shop',
        DataFormat: 'parquet',
        IncludeOpForFullLoad: true,
        TimestampColumnName: 'dms_commit_ts',
        ParquetTimestampInMillisecond: false,
        EncryptionMode: 'SSE_KMS',
        ServerSideEncryptionKmsKeyId: landingKey,
      }),
    });
  });

  it('reads PostgreSQL through test_decoding with its credentials in Secrets Manager', () => {
    // GIVEN the stack WHEN the source endpoint and its secret are read THEN no password is in the template
    template.hasResourceProperties('AWS::DMS::Endpoint', {
      EndpointType: 'source',
      EngineName: 'postgres',
      DatabaseName: DEFAULT_SHOP_SOURCE.databaseName,
      SslMode: 'require',
      PostgreSqlSettings: Match.objectLike({ PluginName: 'test_decoding', SecretsManagerSecretId: { Ref: logicalId(stack, stack.replication.sourceSecret) } }),
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: key,
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', SecretStringTemplate: JSON.stringify({ username: 'dms_replicator', host: DEFAULT_SHOP_SOURCE.serverName, port: 5432 }) }),
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"Password"/);
  });

  it('replicates every shop table, full load and CDC, adding $AR_H_CHANGE_SEQ as dms_change_seq', () => {
    // GIVEN the stack WHEN the DMS Serverless replication is read
    template.hasResourceProperties('AWS::DMS::ReplicationConfig', {
      ReplicationType: 'full-load-and-cdc',
      SourceEndpointArn: { Ref: cfnId(stack.replication.sourceEndpoint) },
      TargetEndpointArn: { Ref: cfnId(stack.replication.targetEndpoint) },
      ComputeConfig: Match.objectLike({ MaxCapacityUnits: 4 }),
      TableMappings: shopTableMappings(SHOP_TABLES),
    });
    // THEN one selection rule per table and the add-column rule
    expect(shopTableMappings(SHOP_TABLES).rules.map((r) => r['rule-name'])).toEqual([...SHOP_TABLES.map((t) => `include-${t.name}`), 'add-change-sequence']);
    expect(shopTableMappings(SHOP_TABLES).rules.at(-1)).toMatchObject({ 'rule-action': 'add-column', value: 'dms_change_seq', expression: '$AR_H_CHANGE_SEQ', 'data-type': { type: 'string', length: 35 } });
  });
});

describe('LakeStack: the Glue catalog', () => {
  const tables = template.findResources('AWS::Glue::Table');

  it('holds exactly the tables lakeTables generates from the schemas', () => {
    // GIVEN the stack WHEN its Glue tables are read THEN there is one per definition, in snowline_lake
    const names = Object.values(tables).map((t) => t.Properties.TableInput.Name).sort();
    expect(names).toEqual(lakeTables({ lakeUri: 's3://x' }).map((t) => t.name).sort());
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: Match.objectLike({ Name: 'snowline_lake' }) });
    expect(new Set(Object.values(tables).map((t) => t.Properties.DatabaseName))).toEqual(new Set(['snowline_lake']));
  });

  it.each(SHOP_TABLES.map((t) => [t.name] as const))('%s: only its current (Iceberg) table; no table over the DMS files, which hold personal values in clear', (name) => {
    // GIVEN the stack WHEN a shop table's Glue tables are read
    const current = Object.values(tables).find((t) => t.Properties.TableInput.Name === name)!.Properties;
    // THEN the current table is an Iceberg table in the lake
    expect(current.OpenTableFormatInput).toEqual({ IcebergInput: { MetadataOperation: 'CREATE', Version: '2' } });
    expect(stack.resolve(current.TableInput.StorageDescriptor.Location)).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: logicalId(stack, stack.lakeBucket) }, `/current/${name}/`]] });
    // AND no table is named raw_<table>, and no table's location is in the landing bucket
    expect(Object.values(tables).map((t) => t.Properties.TableInput.Name)).not.toContain(`raw_${name}`);
    for (const t of Object.values(tables)) expect(JSON.stringify(stack.resolve(t.Properties.TableInput.StorageDescriptor.Location))).not.toContain(logicalId(stack, stack.landing.bucket));
  });

  it('partitions the events table by date with projection', () => {
    // GIVEN the stack WHEN the events table is read THEN date is its partition key, projected
    const events = Object.values(tables).find((t) => t.Properties.TableInput.Name === 'events')!.Properties.TableInput;
    expect(events.PartitionKeys.map((c: { Name: string }) => c.Name)).toEqual(['date']);
    expect(events.Parameters['projection.enabled']).toBe('true');
    expect(events.StorageDescriptor.Columns).toHaveLength(131);
  });
});

describe('LakeStack: the merge job', () => {
  const job = stack.mergeJob;
  it('runs glue-jobs/merge_current.py on Glue 5.0 with Iceberg, one run at a time, under a KMS security configuration', () => {
    // GIVEN the stack WHEN the job is read
    template.hasResourceProperties('AWS::Glue::Job', {
      GlueVersion: '5.0',
      Command: Match.objectLike({ Name: 'glueetl', PythonVersion: '3' }),
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      SecurityConfiguration: { Ref: cfnId(job.node.findChild('Security') as CfnElement) },
      DefaultArguments: Match.objectLike({ '--datalake-formats': 'iceberg', '--database': 'snowline_lake', '--job-bookmark-option': 'job-bookmark-disable' }),
    });
    template.hasResourceProperties('AWS::Glue::SecurityConfiguration', {
      EncryptionConfiguration: {
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: key },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: key },
        S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: key }],
      },
    });
    expect(LAKE_MERGE_JOB_PATHS.script).toMatch(/glue-jobs[\\/]merge_current\.py$/);
  });

  it('ships glue-jobs/merge.sql rendered for every shop table, the SQL DuckDB runs locally', () => {
    // GIVEN the template WHEN the job's --merge_sql argument and its assets are read
    const args = Object.values(template.findResources('AWS::Glue::Job'))[0]!.Properties.DefaultArguments;
    const pairs = JSON.stringify(args['--merge_sql']);
    // THEN each table has an S3 object, holding renderMergeSql of the template for that table
    for (const table of SHOP_TABLES) expect(pairs).toContain(`${table.name}=s3://`);
    const templateText = readFileSync(LAKE_MERGE_JOB_PATHS.sqlTemplate, 'utf8');
    expect([...job.mergeSql.entries()]).toEqual(SHOP_TABLES.map((t) => [t.name, renderMergeSql(templateText, t)]));
  });

  it('reads the landing bucket and pseudonymises the personal columns of schemas/shop.ts with the shared secret', () => {
    // GIVEN the template WHEN the job's arguments are read
    const args = Object.values(template.findResources('AWS::Glue::Job'))[0]!.Properties.DefaultArguments;
    // THEN it reads shop/public/ of the landing bucket, knows the personal columns and the function, and is given the secret's ARN
    expect(stack.resolve(args['--landing_path'])).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: logicalId(stack, stack.landing.bucket) }, '/shop/public/']] });
    expect(JSON.parse(args['--personal_columns'])).toEqual({ customers: ['customer_id', 'first_name', 'last_name', 'email'], orders: ['customer_id'] });
    expect(args['--personal_columns']).toBe(personalColumnsJson(SHOP_TABLES));
    expect(args['--pseudonym_function']).toBe(PSEUDONYM_FUNCTION);
    expect(args['--pseudonymisation_secret_arn']).toEqual({ Ref: logicalId(stack, stack.pseudonymisationSecret) });
    expect(JSON.stringify(args['--extra-py-files'])).toContain('s3://');
    expect(args['--lake_bucket']).toBeUndefined();
    // AND the script registers that function and applies it before the merge SQL
    const script = readFileSync(LAKE_MERGE_JOB_PATHS.script, 'utf8');
    expect(script).toContain('spark.udf.register(args["pseudonym_function"], make_pseudonym(key), StringType())');
    expect(script).toContain('pseudonymised.createOrReplaceTempView(f"changes_{table}")');
  });

  it('the secret is the events archive\'s: one pseudonymisation key, encrypted with the lake key, readable by the archive transform and the merge job', () => {
    // GIVEN the stack fed by the stream WHEN the secrets are read THEN there is one 64-character generated key
    const keys = Object.values(template.findResources('AWS::SecretsManager::Secret')).filter((sec) => sec.Properties.GenerateSecretString?.PasswordLength === 64);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.Properties.KmsKeyId).toEqual(key);
    expect(stack.eventsArchive!.pseudonymisationSecret).toBe(stack.pseudonymisationSecret);
    // AND only the merge job's role and the transform's role may read it
    const secretRef = { Ref: logicalId(stack, stack.pseudonymisationSecret) };
    const readers = policyStatements(template).filter(({ statement }) => names(statement.Resource, secretRef) && [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(new Set(readers.flatMap((r) => r.roles.map((role) => JSON.stringify(role))))).toEqual(
      new Set([JSON.stringify({ Ref: logicalId(stack, stack.mergeJob.role) }), JSON.stringify({ Ref: logicalId(stack, stack.eventsArchive!.transform.function.role!) })]),
    );
  });

  it('is started by a scheduled trigger', () => {
    // GIVEN the stack and the variant WHEN their triggers are read THEN every 15 minutes by default, the given cron otherwise
    template.hasResourceProperties('AWS::Glue::Trigger', { Type: 'SCHEDULED', Schedule: 'cron(0/15 * * * ? *)', StartOnCreation: true, Actions: [{ JobName: { Ref: cfnId(job.job) } }] });
    variant.template.hasResourceProperties('AWS::Glue::Trigger', { Schedule: 'cron(0 * * * ? *)' });
  });
});

describe('LakeStack: Athena', () => {
  it('enforces an encrypted results location and a bytes-scanned limit on the workgroup', () => {
    // GIVEN the stack and the variant WHEN the workgroup is read
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'snowline',
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: { OutputLocation: Match.anyValue(), EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: key } },
      }),
    });
    variant.template.hasResourceProperties('AWS::Athena::WorkGroup', { WorkGroupConfiguration: Match.objectLike({ BytesScannedCutoffPerQuery: 1_000_000_000 }) });
  });

  it('names every query of queries/ translated by toAthena, leaving out those reading a feature group until its table is given', () => {
    // GIVEN the query files WHEN the named queries of both stacks are read
    const lakeInputs = { ...Object.fromEntries(SHOP_TABLES.map((t) => [t.name, { database: 'snowline_lake', table: t.name }])), events: { database: 'snowline_lake', table: 'events' } };
    const resolvable = (sql: string, tables: Record<string, unknown>) => placeholdersOf(sql).every((p) => p in tables);
    for (const [built, tables] of [[stack, lakeInputs], [variant.stack, { ...lakeInputs, ...FEATURE_TABLES }]] as const) {
      const named = Template.fromStack(built).findResources('AWS::Athena::NamedQuery');
      const expected = QUERY_FILES.filter((f) => resolvable(readFileSync(join(QUERIES_DIR, f), 'utf8'), tables));
      // THEN each resolvable file has one named query whose text is the file through toAthena
      expect(Object.values(named).map((q) => q.Properties.Name).sort()).toEqual(expected.map((f) => basename(f, '.sql')));
      for (const file of expected) {
        const query = Object.values(named).find((q) => q.Properties.Name === basename(file, '.sql'))!;
        expect(query.Properties.QueryString).toBe(toAthena(readFileSync(join(QUERIES_DIR, file), 'utf8'), tables));
        expect(query.Properties.WorkGroup).toBe('snowline');
      }
    }
    // AND with every table given nothing is skipped
    expect(variant.stack.athena.skipped.size).toBe(0);
    expect([...stack.athena.skipped.values()].flat().every((input) => input in FEATURE_TABLES)).toBe(true);
  });
});

describe('LakeStack: the events archive', () => {
  it('archives the enriched stream into events/ with the events table, created after it', () => {
    // GIVEN the stack fed by the stream stack WHEN its delivery stream is read
    const archive = stack.eventsArchive!;
    const delivery = template.findResources('AWS::KinesisFirehose::DeliveryStream')[stack.getLogicalId(archive.deliveryStream)]!;
    const events = Object.entries(template.findResources('AWS::Glue::Table')).find(([, t]) => t.Properties.TableInput.Name === 'events')![0];
    // THEN it converts with snowline_lake.events, writes under events/, and waits for the table
    const s3 = delivery.Properties.ExtendedS3DestinationConfiguration;
    expect(s3.DataFormatConversionConfiguration.SchemaConfiguration).toMatchObject({ DatabaseName: 'snowline_lake', TableName: 'events' });
    expect(s3.Prefix).toMatch(/^events\/date=/);
    expect(delivery.DependsOn).toContain(events);
    // AND without a stream there is no archive
    expect(variant.stack.eventsArchive).toBeUndefined();
    expect(variant.template.findResources('AWS::KinesisFirehose::DeliveryStream')).toEqual({});
  });
});

describe('LakeStack: checks', () => {
  it('has no unacknowledged cdk-nag AwsSolutions findings, with or without a concrete account and region', () => {
    // GIVEN both stacks WHEN the AWS Solutions pack checks them THEN nothing is reported
    const reports = [stack, variant.stack].map((s) => new AwsSolutionsChecks().validateScope(s));
    expect(reports.map((report) => report.violations)).toEqual([[], []]);
  });

  it.each([
    ['Lake/Replication', 'source.port', () => lakeApp({ source: { ...DEFAULT_SHOP_SOURCE, port: 70000 } }), 'expected an integer from 1 to 65535, got 70000'],
    ['Lake/Replication', 'source.databaseName', () => lakeApp({ source: { ...DEFAULT_SHOP_SOURCE, databaseName: 'shop db' } }), 'got "shop db"'],
    ['Lake/Merge', 'schedule', () => lakeApp({ mergeSchedule: 'every 5 minutes' }), 'expected a Glue cron expression, cron(...), got "every 5 minutes"'],
    ['Lake/Athena', 'bytesScannedCutoffPerQuery', () => lakeApp({ bytesScannedCutoffPerQuery: 1000 }), 'expected an integer >= 10000000 (bytes), got 1000'],
  ] as const)('%s rejects a bad %s, naming it and the value', (scopePath, prop, build, message) => {
    // GIVEN props with one bad value WHEN the stack is built THEN it throws at once, naming the construct, the prop and the value
    const error = captureError(build);
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).prop).toBe(prop);
    expect((error as Error).message).toContain(`${scopePath}: invalid ${prop}: `);
    expect((error as Error).message).toContain(message);
  });

  it('the constructs check their own props', () => {
    // GIVEN a bare stack WHEN a bucket gets negative tiering days, a job an empty table list THEN each names the prop
    const s = new Stack(new App(), 'Bare');
    const encryptionKey = new kms.Key(s, 'Key', { enableKeyRotation: true });
    const logs = new s3.Bucket(s, 'Logs');
    const bucket = captureError(() => new LakeBucket(s, 'B', { encryptionKey, accessLogsBucket: logs, accessLogsPrefix: 'b/', intelligentTieringAfterDays: -1 }));
    expect((bucket as InvalidPropError).prop).toBe('intelligentTieringAfterDays');
    const athena = captureError(() => new LakeAthena(s, 'A', { resultsBucket: logs, encryptionKey, databaseName: 'd', tables: {}, workGroupName: 'bad name' }));
    expect((athena as Error).message).toBe('Bare/A: invalid workGroupName: expected 1-128 of [a-zA-Z0-9._-], got "bad name"');
    const pseudonymisationSecret = new secretsmanager.Secret(s, 'Secret', { encryptionKey });
    expect(() => new LakeMergeJob(s, 'J', { lakeBucket: logs, landingBucket: logs, landingKey: encryptionKey, pseudonymisationSecret, encryptionKey, databaseName: 'd', schedule: 'cron(0 * * * ? *)' })).not.toThrow();
    const landing = captureError(() => new LandingBucket(s, 'L', { accessLogsBucket: logs, expireAfterDays: 0 }));
    expect((landing as Error).message).toBe('Bare/L: invalid expireAfterDays: expected an integer from 1 to 365 (days), got 0');
  });
});
