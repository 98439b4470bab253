import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { toFeatureDefinitions } from '../../schemas/feature-definitions';
import { defineFeatureGroup, type FeatureGroupDeclaration } from '../../schemas/feature-group-declaration';
import { FEATURE_GROUPS, PRODUCT_ACTIVITY, USER_ACTIVITY } from '../../schemas/feature-groups';
import { DEFAULT_EVENT_SOURCE, type EventSourceSettings, FEATURE_STATE_TABLE, TABLES } from '../../stacks/config';
import { OfflineFeatureStore } from '../../stacks/constructs/offline-feature-store';
import { PUT_RECORD_ACTIONS, SnowlineFeatureGroup } from '../../stacks/constructs/snowline-feature-group';
import { InvalidPropError } from '../../stacks/errors';
import {
  FAILED_PUT_RECORDS_LOG_FIELD,
  FAILED_PUT_RECORDS_METRIC,
  FEATURES_ENVIRONMENT,
  FEATURES_DEFAULT_PATHS,
  FeaturesStack,
  type FeaturesStackProps,
  featureGroupVariable,
} from '../../stacks/features-stack';
import { buildSnowlineApp, stackId } from '../../stacks/snowline-app';
import { StreamStack } from '../../stacks/stream-stack';
import { captureError, logicalId } from './reporting-helpers';

const FEATURES_HANDLER = fileURLToPath(new URL('./fixtures/features-handler.ts', import.meta.url));

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type VariantProps = Partial<Omit<FeaturesStackProps, 'enrichedStream' | 'badRowsStream' | 'encryptionKey'>>;

/**
 * The stream stack and a features stack wired from it, in a fresh app that skips bundling (the
 * template is what is tested). `props.env` goes to both stacks, as `buildSnowlineApp` does.
 */
function featuresApp(props: VariantProps = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-features-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const streams = new StreamStack(app, 'Streams', props.env ? { env: props.env } : {});
  const stack = new FeaturesStack(app, 'Features', {
    enrichedStream: streams.enrichedStream,
    badRowsStream: streams.badRowsStream,
    encryptionKey: streams.encryptionKey,
    featuresHandlerEntry: FEATURES_HANDLER,
    ...props,
  });
  return { app, streams, stack, template: Template.fromStack(stack) };
}

// The app as `cdk synth` builds it (bundling skipped), synthesised once for the whole file: its
// features stack has every default, the real handler entry included.
const mainOutdir = mkdtempSync(join(tmpdir(), 'snowline-features-'));
outdirs.push(mainOutdir);
const mainApp = new App({ outdir: mainOutdir, context: { 'aws:cdk:bundling-stacks': [] } });
const { stream: streams, features: stack } = buildSnowlineApp(mainApp);
const template = Template.fromStack(stack);

// One variant with every default overridden: a TTL group and an online-only group, other
// settings and thresholds, no account or region (for cdk-nag's findings), a fixture handler.
const SHORT_LIVED_USERS = defineFeatureGroup({ ...USER_ACTIVITY, ttl: { unit: 'Days', value: 7 } });
const ONLINE_ONLY = defineFeatureGroup({ ...PRODUCT_ACTIVITY, name: 'product_activity_online', offlineStore: false });
const VARIANT_SETTINGS: EventSourceSettings = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 5,
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: 2,
  maximumRecordAgeInSeconds: 600,
  reportBatchItemFailures: true,
  startingPosition: 'LATEST',
};
const variant = featuresApp({
  featureGroups: [SHORT_LIVED_USERS, ONLINE_ONLY],
  settings: VARIANT_SETTINGS,
  alarmThresholds: { maxIteratorAge: Duration.minutes(5), errors: 3, failedPutRecords: 10, period: Duration.minutes(10) },
});

/** `Fn::ImportValue` of one of the stream stack's exports, by the exported resource's logical id. */
function imported(construct: { readonly node: { readonly defaultChild?: unknown } }) {
  return { 'Fn::ImportValue': Match.stringLikeRegexp(logicalId(streams, construct)) };
}

/** The statements of the default policy of a role. */
function statementsOf(t: Template, roleLogicalId: string): Record<string, unknown>[] {
  const policies = t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleLogicalId }] } });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(statement: Record<string, unknown>): string[] {
  return ([] as string[]).concat(statement.Action as string | string[]);
}

function resourcesOf(statement: Record<string, unknown>): unknown[] {
  return ([] as unknown[]).concat(statement.Resource);
}

/** The ARN of a feature group in the stack's account and region, as CloudFormation builds it. */
function featureGroupArn(name: string): unknown {
  return stack.resolve(stack.formatArn({ service: 'sagemaker', resource: 'feature-group', resourceName: name }));
}

describe('FeaturesStack: feature groups', () => {
  const offlineRole = { 'Fn::GetAtt': [logicalId(stack, stack.offlineStore.role), 'Arn'] };
  const bucket = logicalId(stack, stack.offlineStore.bucket);

  it.each(FEATURE_GROUPS.map((group) => [group.name, group] as const))(
    'builds %s from its declaration: definitions, identifiers, KMS online store, offline store on S3',
    (_name, group: FeatureGroupDeclaration) => {
      // GIVEN the stack built from FEATURE_GROUPS WHEN its template is read
      // THEN the group has exactly the declared definitions, record identifier and event time,
      // an online store under the stream key (no TTL unless declared), and an offline store in the bucket
      template.hasResourceProperties('AWS::SageMaker::FeatureGroup', {
        FeatureGroupName: group.name,
        RecordIdentifierFeatureName: group.recordIdentifierFeatureName,
        EventTimeFeatureName: group.eventTimeFeatureName,
        FeatureDefinitions: toFeatureDefinitions(group),
        OnlineStoreConfig: {
          EnableOnlineStore: true,
          SecurityConfig: { KmsKeyId: imported(streams.encryptionKey) },
          ...(group.ttl ? { TtlDuration: { Unit: group.ttl.unit, Value: group.ttl.value } } : { TtlDuration: Match.absent() }),
        },
        OfflineStoreConfig: {
          S3StorageConfig: {
            S3Uri: { 'Fn::Join': ['', ['s3://', { Ref: bucket }, `/${stack.offlineStore.prefix}`]] },
            KmsKeyId: imported(streams.encryptionKey),
          },
          DisableGlueTableCreation: false,
        },
        RoleArn: offlineRole,
      });
    },
  );

  it('builds one group per declaration, each after the offline role and its policy', () => {
    // GIVEN the default stack WHEN its feature groups are read
    const groups = template.findResources('AWS::SageMaker::FeatureGroup');

    // THEN there are as many as declared, in no other names, each depending on the role and policy
    expect(Object.values(groups).map((g) => g.Properties.FeatureGroupName)).toEqual(FEATURE_GROUPS.map((g) => g.name));
    const role = logicalId(stack, stack.offlineStore.role);
    for (const group of Object.values(groups)) {
      expect(group.DependsOn).toEqual(expect.arrayContaining([role, expect.stringMatching(/^OfflineStoreRoleDefaultPolicy/)]));
    }
  });

  it('takes the online TTL from the declaration, and leaves out the offline store of an online-only group', () => {
    // GIVEN the variant: user_activity with a 7-day TTL, and an online-only group
    const t = variant.template;

    // WHEN its groups are read
    // THEN the TTL group carries TtlDuration, the online-only group has no offline store or role
    t.hasResourceProperties('AWS::SageMaker::FeatureGroup', {
      FeatureGroupName: SHORT_LIVED_USERS.name,
      OnlineStoreConfig: Match.objectLike({ TtlDuration: { Unit: 'Days', Value: 7 } }),
    });
    t.hasResourceProperties('AWS::SageMaker::FeatureGroup', {
      FeatureGroupName: ONLINE_ONLY.name,
      FeatureDefinitions: toFeatureDefinitions(ONLINE_ONLY),
      OnlineStoreConfig: Match.objectLike({ EnableOnlineStore: true }),
      OfflineStoreConfig: Match.absent(),
      RoleArn: Match.absent(),
    });
  });

  it('keeps the offline store in a private, TLS-only bucket encrypted with the stream key', () => {
    // GIVEN the default stack WHEN the offline store bucket and its policy are read
    // THEN public access is blocked, SSE-KMS uses the stream key with a bucket key, plain HTTP is denied
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: imported(streams.encryptionKey) },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('gives Feature Store a role that may write the prefix, use the key and keep the Glue tables, nothing else', () => {
    // GIVEN the default stack WHEN the offline store role is read
    const role = logicalId(stack, stack.offlineStore.role);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Action: 'sts:AssumeRole', Principal: { Service: 'sagemaker.amazonaws.com' } })],
      },
    });
    const statements = statementsOf(template, role);

    // THEN its actions are exactly the S3 writes, the manifest read, the key and Glue's table updates
    expect(statements.flatMap(actionsOf).sort()).toEqual(
      ['glue:GetTable', 'glue:UpdateTable', 'kms:Decrypt', 'kms:GenerateDataKey', 's3:GetBucketAcl', 's3:GetObject', 's3:PutObject', 's3:PutObjectAcl'].sort(),
    );
    // AND the object actions apply under the prefix only, the key actions to the stream key only
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, `/${stack.offlineStore.prefix}/*`]] };
    expect(statements.find((s) => actionsOf(s).includes('s3:GetObject'))?.Resource).toEqual(objects);
    expect(statements.find((s) => actionsOf(s).includes('kms:Decrypt'))?.Resource).toEqual({
      'Fn::ImportValue': expect.stringMatching(logicalId(streams, streams.encryptionKey)),
    });
    const glue = statements.find((s) => actionsOf(s).includes('glue:GetTable'));
    expect(JSON.stringify(glue?.Resource)).toContain(':table/sagemaker_featurestore/*');
  });
});

describe('FeaturesStack: the feature function', () => {
  const fn = stack.featureFunction;

  it('runs on nodejs22.x ARM64 with the state table, the bad-rows stream and each group name', () => {
    // GIVEN the default stack WHEN the function is read
    // THEN its environment names the state table, the bad-rows stream and one variable per group
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: {
          [FEATURES_ENVIRONMENT.stateTable]: { Ref: logicalId(stack, stack.stateTable.table) },
          [FEATURES_ENVIRONMENT.badRowsStream]: imported(streams.badRowsStream),
          FEATURE_GROUP_USER_ACTIVITY: 'user_activity',
          FEATURE_GROUP_PRODUCT_ACTIVITY: 'product_activity',
          POWERTOOLS_SERVICE_NAME: 'features',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
    expect(FEATURE_GROUPS.map((g) => featureGroupVariable(g.name))).toEqual(['FEATURE_GROUP_USER_ACTIVITY', 'FEATURE_GROUP_PRODUCT_ACTIVITY']);
  });

  it('maps every field of the default settings object onto its enriched-stream mapping, with item failures and on-failure', () => {
    // GIVEN the stack built without settings WHEN its mapping is read
    // THEN it reads the enriched stream with DEFAULT_EVENT_SOURCE, reports item failures, and sends failures to the queue
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, fn.function) },
      EventSourceArn: imported(streams.enrichedStream),
      BatchSize: DEFAULT_EVENT_SOURCE.batchSize,
      MaximumBatchingWindowInSeconds: DEFAULT_EVENT_SOURCE.maximumBatchingWindowInSeconds,
      BisectBatchOnFunctionError: DEFAULT_EVENT_SOURCE.bisectBatchOnFunctionError,
      MaximumRetryAttempts: DEFAULT_EVENT_SOURCE.maximumRetryAttempts,
      MaximumRecordAgeInSeconds: DEFAULT_EVENT_SOURCE.maximumRecordAgeInSeconds,
      StartingPosition: DEFAULT_EVENT_SOURCE.startingPosition,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, stack.onFailureQueue.queue), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: imported(streams.encryptionKey), MessageRetentionPeriod: 1_209_600 });
  });

  it('maps a non-default settings object field by field', () => {
    // GIVEN the variant's settings WHEN its mapping is read THEN it follows them
    variant.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 600,
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('may PutRecord on the two feature groups only, with no wildcard action', () => {
    // GIVEN the default stack WHEN the function's policy is read
    const statements = statementsOf(template, logicalId(stack, fn.role));

    // THEN its only SageMaker action is PutRecord, and only on the declared groups' ARNs
    const sagemaker = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sagemaker:')));
    expect(new Set(sagemaker.flatMap(actionsOf))).toEqual(new Set(PUT_RECORD_ACTIONS));
    expect(sagemaker.flatMap(resourcesOf)).toEqual(FEATURE_GROUPS.map((g) => featureGroupArn(g.name)));
    // AND DynamoDB applies to the state table only, Kinesis writes to the bad-rows stream only
    const table = { 'Fn::GetAtt': [logicalId(stack, stack.stateTable.table), 'Arn'] };
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap(resourcesOf)).toEqual(dynamo.map(() => table));
    expect(dynamo.flatMap(actionsOf)).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']));
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'],
        Resource: { 'Fn::ImportValue': expect.stringMatching(logicalId(streams, streams.badRowsStream)) },
      }),
    );
    // AND the online stores' key may decrypt (every data-plane call needs it)
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'kms:Decrypt', Resource: { 'Fn::ImportValue': expect.stringMatching(logicalId(streams, streams.encryptionKey)) } }),
    );
    // AND no action is a service wildcard; only KMS's GenerateDataKey*/ReEncrypt* (CDK grants) end in *
    const wildcards = statements.flatMap(actionsOf).filter((action) => action.includes('*'));
    expect(new Set(wildcards)).toEqual(new Set(['kms:GenerateDataKey*', 'kms:ReEncrypt*']));
    // AND only X-Ray's actions apply to every resource
    const unscoped = statements.filter((s) => s.Resource === '*');
    expect(unscoped.flatMap(actionsOf)).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });

  it('starts after the feature groups exist', () => {
    // GIVEN the default stack WHEN the function resource is read
    const functions = template.findResources('AWS::Lambda::Function');
    const groups = stack.featureGroups.map((g) => stack.getLogicalId(g.featureGroup));

    // THEN it depends on every feature group
    expect(functions[logicalId(stack, fn.function)]?.DependsOn).toEqual(expect.arrayContaining(groups));
  });
});

describe('FeaturesStack: the state table', () => {
  it('is the shared FEATURE_STATE_TABLE: on-demand, point-in-time recovery, the stream key, TTL', () => {
    // GIVEN the stack built with the default state table, the one in TABLES
    expect(TABLES).toContain(FEATURE_STATE_TABLE);
    const { partitionKey, sortKey, timeToLiveAttribute } = FEATURE_STATE_TABLE;

    // WHEN its template is read
    // THEN the one table has the definition's name and keys, PAY_PER_REQUEST, PITR, SSE with the key, and TTL
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: FEATURE_STATE_TABLE.tableName,
      KeySchema: [
        { AttributeName: partitionKey.name, KeyType: 'HASH' },
        ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: imported(streams.encryptionKey) },
      TimeToLiveSpecification: timeToLiveAttribute ? { AttributeName: timeToLiveAttribute, Enabled: true } : Match.absent(),
    });
  });
});

describe('FeaturesStack: alarms', () => {
  const topic = { Ref: logicalId(stack, stack.alarmTopic.topic) };
  const common = { EvaluationPeriods: 1, Period: 300, TreatMissingData: 'notBreaching', AlarmActions: [topic], OKActions: [topic] };

  it('alarms on iterator age, errors, the on-failure queue and failed PutRecords, to the topic', () => {
    // GIVEN the stack built without thresholds
    const fn = { Name: 'FunctionName', Value: { Ref: logicalId(stack, stack.featureFunction.function) } };

    // WHEN its alarms are read
    // THEN there are four, with the default thresholds, each notifying the encrypted topic
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common, Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Dimensions: [fn], Statistic: 'Maximum', Threshold: 60_000, ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common, Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [fn], Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, stack.onFailureQueue.queue), 'QueueName'] } }],
      Threshold: 0,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common, Namespace: 'Snowline', MetricName: FAILED_PUT_RECORDS_METRIC, Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, stack.alarmTopic.encryptionKey), 'Arn'] } });
  });

  it('counts failed PutRecords with a metric filter on the JSON log field failedPutRecords > 0', () => {
    // GIVEN the default stack WHEN the metric filter is read
    // THEN it reads the function's log group and publishes the field's value
    expect(FAILED_PUT_RECORDS_LOG_FIELD).toBe('failedPutRecords');
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalId(stack, stack.featureFunction.logGroup) },
      FilterPattern: '{ $.failedPutRecords > 0 }',
      MetricTransformations: [{ MetricNamespace: 'Snowline', MetricName: FAILED_PUT_RECORDS_METRIC, MetricValue: '$.failedPutRecords' }],
    });
  });

  it('takes the thresholds from props', () => {
    // GIVEN the variant: 5 minutes of age, 3 errors, 10 failed records, over 10 minutes
    // WHEN its alarms are read THEN they follow the props
    const t = variant.template;
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 300_000, Period: 600 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 3, Period: 600 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: FAILED_PUT_RECORDS_METRIC, Threshold: 10, Period: 600 });
  });
});

describe('FeaturesStack: boundaries', () => {
  it('is Snowline-<env>-Features in the app, wired from the stream stack, with the real handler entry', () => {
    // GIVEN the app as `cdk synth` builds it WHEN its stacks are read
    // THEN the features stack is named for dev, imports the streams and key, and bundles handlers/features.ts
    expect(stack.stackName).toBe(stackId('dev', 'Features'));
    expect(stack.dependencies).toContain(streams);
    expect(FEATURES_DEFAULT_PATHS.featuresHandlerEntry).toMatch(/handlers[\\/]features\.ts$/);
    expect(mainApp.synth().getStackByName(stackId('dev', 'Features')).template.Resources).toBeDefined();
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings, with or without a concrete account and region', () => {
    // GIVEN the app's stack (a concrete account and region) and the variant (neither)
    // WHEN the AWS Solutions pack checks them
    const reports = [stack, variant.stack].map((s) => new AwsSolutionsChecks().validateScope(s));

    // THEN nothing is reported, not even a warning (a warning also fails `cdk synth`)
    expect(reports.map((report) => report.violations)).toEqual([[], []]);
  });

  const badName = { ...USER_ACTIVITY, features: USER_ACTIVITY.features.map((f, i) => (i === 3 ? { ...f, name: 'bad name' } : f)) };
  it.each([
    ['featureGroups', { featureGroups: [] }, 'expected a non-empty list of feature group declarations, got []'],
    ['featureGroups[1].name', { featureGroups: [USER_ACTIVITY, USER_ACTIVITY] }, 'expected a name no other group has, got "user_activity"'],
    ['featureGroups[0].features.3.name', { featureGroups: [badName] }, 'got "bad name"'],
    ['stateTable.tableName', { stateTable: { ...FEATURE_STATE_TABLE, tableName: 's' } }, 'got "s"'],
    ['settings.batchSize', { settings: { ...DEFAULT_EVENT_SOURCE, batchSize: 0 } }, 'expected an integer from 1 to 10000, got 0'],
    ['alarmThresholds.failedPutRecords', { alarmThresholds: { failedPutRecords: 0 } }, 'expected an integer >= 1, got 0'],
    ['alarmThresholds.errors', { alarmThresholds: { errors: 1.5 } }, 'got 1.5'],
    ['featuresHandlerEntry', { featuresHandlerEntry: '/no/such/features.ts' }, 'expected the path of an existing file, got "/no/such/features.ts"'],
  ] as const)('rejects a bad %s, naming it and the value', (prop, props, message) => {
    // GIVEN props with one bad value WHEN the stack is built
    const error = captureError(() => {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const s = new StreamStack(app, 'Streams');
      return new FeaturesStack(app, 'Features', {
        enrichedStream: s.enrichedStream,
        badRowsStream: s.badRowsStream,
        encryptionKey: s.encryptionKey,
        featuresHandlerEntry: FEATURES_HANDLER,
        ...(props as VariantProps),
      });
    });

    // THEN it throws at once, naming the stack, the prop and the value
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).prop).toBe(prop);
    expect((error as Error).message).toContain(`Features: invalid ${prop}: `);
    expect((error as Error).message).toContain(message);
  });

  it('rejects an offline group without an offline store, and a bad offline-store prefix', () => {
    // GIVEN a bare stack and key
    const s = new Stack(new App(), 'Bare');
    const encryptionKey = new kms.Key(s, 'Key', { enableKeyRotation: true });

    // WHEN a group that declares an offline store gets none, and a store gets a prefix with a leading "/"
    const noStore = captureError(() => new SnowlineFeatureGroup(s, 'Users', { declaration: USER_ACTIVITY, encryptionKey }));
    const badPrefix = captureError(() => new OfflineFeatureStore(s, 'Offline', { encryptionKey, prefix: '/features' }));

    // THEN each names the construct and the prop
    expect((noStore as InvalidPropError).prop).toBe('offlineStore');
    expect((noStore as Error).message).toContain('Bare/Users: invalid offlineStore: expected an OfflineFeatureStore');
    expect((badPrefix as InvalidPropError).prop).toBe('prefix');
    expect((badPrefix as Error).message).toContain('got "/features"');
  });
});
