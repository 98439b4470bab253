import { DASHBOARD_CSP } from '../../lib/dashboard/securityHeaders';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_SOURCE, type EventSourceSettings, REPORTS_TABLE } from '../../stacks/config';
import { InvalidPropError } from '../../stacks/errors';
import { REPORTING_ENVIRONMENT, type ReportingStackProps } from '../../stacks/reporting-stack';
import { StreamStack } from '../../stacks/stream-stack';
import {
  captureError,
  FIXTURE_PATHS,
  logicalId,
  removeReportingOutdirs,
  reportingApp,
} from './reporting-helpers';

// One bundled app for every test that reads the default stack; variants skip bundling.
const main = reportingApp({}, { bundle: true });
const { stack, streams } = main;
afterAll(removeReportingOutdirs);

/** `Fn::ImportValue` of one of the stream stack's exports, by the exported resource's logical id. */
function imported(construct: { readonly node: { readonly defaultChild?: unknown } }) {
  return { 'Fn::ImportValue': Match.stringLikeRegexp(logicalId(streams, construct)) };
}

/** The statements of the default policy of a function's role. */
function statementsOf(template: Template, roleLogicalId: string): Record<string, unknown>[] {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleLogicalId }] },
  });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(statement: Record<string, unknown>): string[] {
  return ([] as string[]).concat(statement.Action as string | string[]);
}

describe('ReportingStack: the reports table', () => {
  it('is built from its definition: on-demand, point-in-time recovery, the stream key, TTL', () => {
    // GIVEN the reporting stack built with the shared REPORTS_TABLE definition and the stream stack's key
    const { template } = main;
    const { partitionKey, sortKey } = REPORTS_TABLE;
    expect(sortKey).toBeDefined();

    // WHEN its template is read
    // THEN the one table has the definition's name and keys, PAY_PER_REQUEST, PITR, SSE with the key, and TTL
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: REPORTS_TABLE.tableName,
      KeySchema: [
        { AttributeName: partitionKey.name, KeyType: 'HASH' },
        { AttributeName: sortKey?.name, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
        { AttributeName: sortKey?.name, AttributeType: sortKey?.type },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: imported(streams.encryptionKey) },
      TimeToLiveSpecification: { AttributeName: REPORTS_TABLE.timeToLiveAttribute, Enabled: true },
    });
  });
});

describe('ReportingStack: the report function', () => {
  it('maps every field of the default settings object onto its enriched-stream mapping', () => {
    // GIVEN the reporting stack built without settings
    const { template } = main;

    // WHEN its template is read
    // THEN one mapping reads the enriched stream with DEFAULT_EVENT_SOURCE, reports item failures and has an on-failure queue
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack, stack.reportFunction.function) },
      EventSourceArn: imported(streams.enrichedStream),
      BatchSize: DEFAULT_EVENT_SOURCE.batchSize,
      MaximumBatchingWindowInSeconds: DEFAULT_EVENT_SOURCE.maximumBatchingWindowInSeconds,
      BisectBatchOnFunctionError: DEFAULT_EVENT_SOURCE.bisectBatchOnFunctionError,
      MaximumRetryAttempts: DEFAULT_EVENT_SOURCE.maximumRetryAttempts,
      MaximumRecordAgeInSeconds: DEFAULT_EVENT_SOURCE.maximumRecordAgeInSeconds,
      StartingPosition: DEFAULT_EVENT_SOURCE.startingPosition,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack, stack.onFailureQueue.queue), 'Arn'] } },
      },
    });
  });

  it('maps a non-default settings object', () => {
    // GIVEN settings that differ from the defaults in every field
    const settings: EventSourceSettings = {
      batchSize: 100,
      maximumBatchingWindowInSeconds: 5,
      bisectBatchOnFunctionError: false,
      maximumRetryAttempts: 2,
      maximumRecordAgeInSeconds: 600,
      reportBatchItemFailures: true,
      startingPosition: 'LATEST',
    };

    // WHEN the stack is built with them
    const { template } = reportingApp({ settings });

    // THEN the mapping follows them field by field
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 600,
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('sends failure notices to a queue encrypted with the stream key', () => {
    // GIVEN the reporting stack WHEN its template is read
    // THEN the on-failure queue uses the stream stack's key and keeps notices for 14 days
    main.template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: imported(streams.encryptionKey),
      MessageRetentionPeriod: 1_209_600,
    });
  });

  it('runs on nodejs22.x ARM64 with active tracing, JSON logs and its environment', () => {
    // GIVEN the reporting stack built with the default minute-row TTL
    const { template } = main;

    // WHEN its template is read
    // THEN the function has the runtime, architecture, tracing and the table, stream, TTL and service name
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: {
          [REPORTING_ENVIRONMENT.reportsTable]: { Ref: logicalId(stack, stack.reportsTable.table) },
          [REPORTING_ENVIRONMENT.badRowsStream]: imported(streams.badRowsStream),
          [REPORTING_ENVIRONMENT.minuteRowTtlDays]: '7',
          POWERTOOLS_SERVICE_NAME: 'reports',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('is bundled as one minified ESM file with a source map and a require for CommonJS dependencies', () => {
    // GIVEN the bundled app WHEN the staged assets are read
    const outdir = main.app.outdir;
    const bundles = readdirSync(outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(outdir, name))
      .filter((path) => statSync(path).isDirectory() && readdirSync(path).includes('index.mjs'));

    // THEN both functions are an index.mjs beside its map, opening with the createRequire banner
    expect(bundles).toHaveLength(2);
    for (const dir of bundles) {
      expect(readdirSync(dir).sort()).toEqual(['index.mjs', 'index.mjs.map']);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);")).toBe(true);
      expect(code.trim().split('\n').length).toBeLessThanOrEqual(3);
    }
  });

  it('may read and write the table and write bad rows, with no wildcard action on them', () => {
    // GIVEN the reporting stack WHEN the report function's policy is read
    const statements = statementsOf(main.template, logicalId(stack, stack.reportFunction.role));
    const table = { 'Fn::GetAtt': [logicalId(stack, stack.reportsTable.table), 'Arn'] };

    // THEN DynamoDB item actions apply to the table only, Kinesis writes to the bad-rows stream only
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.map((s) => s.Resource)).toEqual(dynamo.map(() => [table]));
    expect(dynamo.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'],
        Resource: { 'Fn::ImportValue': expect.stringMatching(logicalId(streams, streams.badRowsStream)) },
      }),
    );
    // AND no action is a service wildcard; only KMS's GenerateDataKey*/ReEncrypt* (CDK grants) end in *
    const wildcards = statements.flatMap(actionsOf).filter((action) => action.includes('*'));
    expect(new Set(wildcards)).toEqual(new Set(['kms:GenerateDataKey*', 'kms:ReEncrypt*']));
    // AND only X-Ray's actions, which have no resource-level permissions, apply to every resource
    const unscoped = statements.filter((s) => s.Resource === '*');
    expect(unscoped.flatMap(actionsOf)).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });
});

describe('ReportingStack: the dashboard API', () => {
  it('runs on nodejs22.x with the table name, and may only read the table', () => {
    // GIVEN the reporting stack
    const { template } = main;
    const fn = stack.dashboardApiFunction;

    // WHEN the dashboard API function and its policy are read
    const statements = statementsOf(template, logicalId(stack, fn.role));

    // THEN it has the runtime and environment, and DynamoDB read actions only, on the table
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          [REPORTING_ENVIRONMENT.reportsTable]: { Ref: logicalId(stack, stack.reportsTable.table) },
          POWERTOOLS_SERVICE_NAME: 'dashboard-api',
        }),
      },
    });
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('kinesis:') || a.startsWith('sqs:'))).toEqual([]);
  });

  it('serves GET /api/reports/{report} and GET /api/health from that function', () => {
    // GIVEN the reporting stack WHEN its HTTP API is read
    const { template } = main;

    // THEN there are exactly the two routes, each integrated with the dashboard API function (payload 2.0)
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(['GET /api/health', 'GET /api/reports/{report}']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [logicalId(stack, stack.dashboardApiFunction.function), 'Arn'] },
    });
  });

  it('deploys a throttled $default stage with JSON access logs', () => {
    // GIVEN the reporting stack WHEN its HTTP API stage is read
    // THEN it is $default, auto-deployed, throttled, and logs to the access log group
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(stack, stack.dashboardApi.accessLogGroup), 'Arn'] },
        Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"'),
      },
    });
  });

  it('requires a Cognito access token on every route (JWT authorizer); people sign in on the hosted UI and come back to the dashboard', () => {
    // GIVEN the reporting stack WHEN its routes, authorizer, user pool and app client are read
    const { template } = main;
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    // THEN no route answers without a token: API Gateway says 401 before the function runs
    expect(routes).toHaveLength(2);
    for (const route of routes) {
      expect(route.Properties.AuthorizationType).toBe('JWT');
      expect(route.Properties.AuthorizerId.Ref).toMatch(/Authorizer/);
    }
    const poolId = logicalId(stack, stack.dashboardApi.users.userPool);
    const clientId = logicalId(stack, stack.dashboardApi.client);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: poolId }])]) }) },
    });
    // AND the pool lets nobody sign up, requires MFA and long passwords
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14 }) },
    });
    // AND the page's client is public (no secret), implicit grant, scope openid, back to the CloudFront URL
    const distribution = logicalId(stack, stack.dashboard.distribution);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['implicit'],
      AllowedOAuthScopes: ['openid'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/']] }],
    });
    template.hasOutput('DashboardSignInUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('amazoncognito\\.com/login\\?response_type=token&scope=openid&client_id=$'), { Ref: clientId }, '&redirect_uri=https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/'])] },
    });
  });

  it('takes the Cognito domain prefix from props, and rejects a bad one naming the prop', () => {
    // GIVEN a domain prefix WHEN the stack is built THEN the hosted domain has it
    Template.fromStack(reportingApp({ cognitoDomainPrefix: 'acme-dashboard' }).stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-dashboard' });
    // GIVEN an invalid one THEN the error names signIn's domainPrefix and the value
    const error = captureError(() => reportingApp({ cognitoDomainPrefix: 'Acme_Dashboard' }));
    expect(error).toBeInstanceOf(InvalidPropError);
    expect(String(error)).toMatch(/domainPrefix.*Acme_Dashboard/s);
  });
});

describe('ReportingStack: the static dashboard', () => {
  const bucketId = logicalId(stack, stack.dashboard.bucket);
  const distributionId = logicalId(stack, stack.dashboard.distribution);

  it('keeps the files in a private, encrypted, TLS-only bucket that only the distribution reads', () => {
    // GIVEN the reporting stack WHEN the bucket and its policy are read
    const { template } = main;

    // THEN public access is blocked, SSE is on, plain HTTP is denied, and CloudFront may GetObject for this distribution
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves index.html through CloudFront with origin access control', () => {
    // GIVEN the reporting stack WHEN the distribution is read
    const { template } = main;

    // THEN an S3 OAC signs requests, the bucket origin uses it, and / serves index.html over HTTPS
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
            OriginAccessControlId: { 'Fn::GetAtt': [Match.stringLikeRegexp('S3OriginAccessControl'), 'Id'] },
          }),
        ]),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it('forwards /api/* to the HTTP API, uncached and without the Host header, so the page calls it same-origin', () => {
    // GIVEN the reporting stack WHEN the distribution's behaviours are read
    const distribution = main.template.findResources('AWS::CloudFront::Distribution')[distributionId];
    const config = distribution?.Properties.DistributionConfig;
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);

    // THEN the API behaviour uses CachingDisabled and AllViewerExceptHostHeader over HTTPS only
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
    });
    // AND its origin is the HTTP API's execute-api host
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(origin.DomainName)).toContain(logicalId(stack, stack.dashboardApi.httpApi));
  });

  it('deploys the dashboard folder into the bucket and invalidates the distribution', () => {
    // GIVEN the reporting stack WHEN the deployment custom resource is read
    // THEN it copies into the bucket and invalidates every path of the distribution
    main.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: bucketId },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
    });
  });

  it('sends the dashboard\'s Content-Security-Policy, the one the local server sends', () => {
    // GIVEN the reporting stack WHEN the distribution's response headers policy is read
    // THEN it carries DASHBOARD_CSP from lib/dashboard, nosniff and no framing
    main.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: DASHBOARD_CSP, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
  });
});

describe('ReportingStack: alarms', () => {
  const topic = { Ref: logicalId(stack, stack.alarmTopic.topic) };

  it('alarms on iterator age, errors and the on-failure queue with the default thresholds, to the topic', () => {
    // GIVEN the reporting stack built without thresholds
    const { template } = main;
    const fn = { Name: 'FunctionName', Value: { Ref: logicalId(stack, stack.reportFunction.function) } };

    // WHEN its alarms are read
    // THEN IteratorAge max > 60 s, Errors sum >= 1, and any visible failure notice alarm, each notifying the topic
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    const common = { EvaluationPeriods: 1, Period: 300, TreatMissingData: 'notBreaching', AlarmActions: [topic], OKActions: [topic] };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common,
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [fn],
      Statistic: 'Maximum',
      Threshold: 60_000,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [fn],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack, stack.onFailureQueue.queue), 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('notifies a KMS-encrypted, TLS-only topic whose key CloudWatch may use', () => {
    // GIVEN the reporting stack WHEN the topic and its key are read
    const { template } = main;
    const key = logicalId(stack, stack.alarmTopic.encryptionKey);

    // THEN the topic uses its own rotating key, which lets CloudWatch encrypt, and denies plain HTTP
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('takes the thresholds and the minute-row TTL from props', () => {
    // GIVEN thresholds of 5 minutes of age and 3 errors over 10 minutes, and a 30-day TTL
    const { template } = reportingApp({
      alarmThresholds: { maxIteratorAge: Duration.minutes(5), errors: 3, period: Duration.minutes(10) },
      minuteRowTtlDays: 30,
    });

    // WHEN the alarms and the report function are read
    // THEN they follow the props
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 300_000, Period: 600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 3, Period: 600 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [REPORTING_ENVIRONMENT.minuteRowTtlDays]: '30' }) },
    });
  });
});

describe('ReportingStack: boundaries', () => {
  it('leaves the stream stack as it is without it (nothing shared but props)', () => {
    // GIVEN a stream stack alone in an app
    const alone = Template.fromStack(new StreamStack(new App(), 'Streams')).toJSON();

    // WHEN the stream stack beside the reporting stack is read
    const beside = Template.fromStack(streams).toJSON();

    // THEN its resources are identical (only exports were added)
    expect(beside.Resources).toEqual(alone.Resources);
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    // GIVEN the reporting stack, and one deployed to a concrete account and region
    const withEnv = reportingApp({ env: { account: '111111111111', region: 'eu-west-1' } });

    // WHEN the AWS Solutions pack checks them
    const reports = [main.stack, withEnv.stack].map((s) => new AwsSolutionsChecks().validateScope(s));

    // THEN nothing is reported, not even a warning (a warning also fails `cdk synth`)
    expect(reports.map((report) => report.violations)).toEqual([[], []]);
  });

  it.each([
    ['minuteRowTtlDays', { minuteRowTtlDays: 0 }, 'expected an integer from 1 to 365 (days), got 0'],
    ['settings.batchSize', { settings: { ...DEFAULT_EVENT_SOURCE, batchSize: 20_000 } }, 'got 20000'],
    ['alarmThresholds.errors', { alarmThresholds: { errors: 0 } }, 'expected an integer >= 1, got 0'],
    ['alarmThresholds.period', { alarmThresholds: { period: Duration.seconds(90) } }, 'got 1.5'],
    ['reportsTable.tableName', { reportsTable: { ...REPORTS_TABLE, tableName: 'r' } }, 'got "r"'],
    ['reportsTable.sortKey.type', { reportsTable: { ...REPORTS_TABLE, sortKey: { name: 'sk', type: 'X' } } }, 'got "X"'],
    [
      'reportsTable.timeToLiveAttribute',
      { reportsTable: { ...REPORTS_TABLE, timeToLiveAttribute: undefined } },
      'expected an attribute name, since minute rows expire, got undefined',
    ],
    ['reportsHandlerEntry', { reportsHandlerEntry: '/no/such/reports.ts' }, 'got "/no/such/reports.ts"'],
    ['dashboardSource', { dashboardSource: FIXTURE_PATHS.reportsHandlerEntry }, 'expected the path of an existing directory'],
  ] as const)('rejects a bad %s, naming it and the value', (prop, props, message) => {
    // GIVEN props with one bad value WHEN the stack is built
    const error = captureError(() => reportingApp(props as Partial<ReportingStackProps>));

    // THEN it throws at once, naming the stack, the prop and the value
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).prop).toBe(prop);
    expect((error as Error).message).toContain(`Reporting: invalid ${prop}: `);
    expect((error as Error).message).toContain(message);
  });
});
