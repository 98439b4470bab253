/**
 * The security checks over EVERY stack `buildSnowlineApp` builds, in every environment: a stack
 * added later (inference, lake) is covered without touching this file.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvironmentName } from '../../stacks/environments';
import { ENCRYPTION_EXCEPTIONS, WILDCARD_ALLOW_LIST } from '../../stacks/security-allow-list';
import {
  acknowledgements,
  allows,
  bucketAccessFindings,
  ENCRYPTED_TYPES,
  encryptionFinding,
  environmentApp,
  pathOf,
  policyStatements,
  removeSecurityOutdirs,
  stackTemplates,
  wildcardsOf,
} from './security-helpers';

afterAll(removeSecurityOutdirs);

const NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];

/** Each environment's app and templates, built once. */
const built = Object.fromEntries(
  NAMES.map((name) => {
    const app = environmentApp(name);
    return [name, { app, stacks: stackTemplates(app) }];
  }),
) as Record<EnvironmentName, { app: ReturnType<typeof environmentApp>; stacks: ReturnType<typeof stackTemplates> }>;

describe.each(NAMES)('environment %s', (name) => {
  const { app, stacks } = built[name];

  it('has the stacks of buildSnowlineApp, all checked below', () => {
    // GIVEN the app WHEN its stacks are listed THEN there are some, each with resources
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    for (const { stack } of stacks) expect(Stack.isStack(stack)).toBe(true);
  });

  it("passes cdk-nag's AwsSolutions checks with no unacknowledged finding", () => {
    // GIVEN every stack WHEN the AwsSolutions pack validates the tree THEN it reports nothing
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} on ${(r.templatePath ?? '').split('/').pop()} ${r.resourceLogicalId}: ${v.description.split('\n')[0]}`),
    );
    expect(findings).toEqual([]);
  });

  it('gives every suppression a one-line reason', () => {
    // GIVEN every acknowledged rule WHEN its reason is read THEN it is one line of words
    const found = acknowledgements(app);
    expect(found.length).toBeGreaterThan(0);
    const bad = found
      .filter(({ reason }) => typeof reason !== 'string' || reason.trim().length < 15 || /[\r\n]/.test(reason))
      .map(({ path, rule, reason }) => `${path}: ${rule}: ${JSON.stringify(reason)}`);
    expect(bad).toEqual([]);
  });

  it('has no IAM wildcard action or resource that is not on the allow-list', () => {
    // GIVEN every Allow statement of every identity and resource policy
    const unlisted: string[] = [];
    for (const { stack, template } of stacks) {
      for (const found of policyStatements(template)) {
        // WHEN it has a wildcard THEN an allow-list entry accepts exactly that kind of statement
        for (const wildcard of wildcardsOf(found.statement)) {
          if (!WILDCARD_ALLOW_LIST.some((allowance) => allows(allowance, wildcard, found))) {
            unlisted.push(`${stack.stackName} ${found.logicalId} (${found.source}): ${wildcard} wildcard in ${JSON.stringify(found.statement)}`);
          }
        }
      }
    }
    expect(unlisted).toEqual([]);
  });

  it('encrypts every data resource with a customer-managed key, and keeps every bucket TLS-only and private', () => {
    // GIVEN every bucket, table, stream, queue, topic, log group, feature group, secret, endpoint config
    const findings: string[] = [];
    for (const { stack, template } of stacks) {
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        if (!(ENCRYPTED_TYPES as readonly string[]).includes(resource.Type)) continue;
        const path = pathOf(logicalId, resource);
        // WHEN it is read THEN it has a customer-managed key, or an exception with a reason
        const lacks = encryptionFinding(resource);
        const excepted = ENCRYPTION_EXCEPTIONS.some((e) => e.type === resource.Type && path.endsWith(e.pathEndsWith) && e.lacks === lacks);
        if (lacks && !excepted) findings.push(`${stack.stackName} ${path} (${resource.Type}): no ${lacks}`);
        // AND a bucket denies requests without TLS and blocks public access, with no exception
        if (resource.Type === 'AWS::S3::Bucket') {
          for (const finding of bucketAccessFindings(logicalId, resource, template)) findings.push(`${stack.stackName} ${path}: ${finding}`);
        }
      }
    }
    expect(findings).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('give every entry a one-line reason', () => {
    // GIVEN every allowance and exception WHEN its reason is read THEN it is one line of words
    for (const { reason } of [...WILDCARD_ALLOW_LIST, ...ENCRYPTION_EXCEPTIONS]) {
      expect(reason.trim().length).toBeGreaterThanOrEqual(15);
      expect(reason).not.toMatch(/[\r\n]/);
    }
  });

  it('are used: each exception matches a resource in some environment', () => {
    // GIVEN the encryption exceptions WHEN every environment's resources are searched THEN each names a real one
    const paths = NAMES.flatMap((name) =>
      built[name].stacks.flatMap(({ template }) =>
        Object.entries(template.Resources ?? {}).map(([id, r]) => ({ type: r.Type, path: pathOf(id, r) })),
      ),
    );
    for (const exception of ENCRYPTION_EXCEPTIONS) {
      expect(paths.some((p) => p.type === exception.type && p.path.endsWith(exception.pathEndsWith))).toBe(true);
    }
  });

  it('catch what they should: a wildcard action, a wildcard resource, and a stray condition-less PutMetricData', () => {
    // GIVEN hand-made statements WHEN checked against the allow-list THEN only the listed kind passes
    const check = (statement: object) =>
      wildcardsOf(statement).every((w) => WILDCARD_ALLOW_LIST.some((a) => allows(a, w, { logicalId: 'X', source: 'identity', statement })));
    expect(check({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })).toBe(false);
    expect(check({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' })).toBe(false);
    expect(check({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' })).toBe(false);
    expect(check({ Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' })).toBe(false);
    expect(
      check({ Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'Snowline' } } }),
    ).toBe(true);
    expect(check({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' })).toBe(true);
    expect(check({ Effect: 'Deny', Action: 's3:*', Resource: '*' })).toBe(true);
  });

  it('report a careless stack: a nag finding, an unlisted wildcard, an unencrypted queue, a public bucket without TLS', () => {
    // GIVEN a stack with a careless queue, bucket and role (in an app without the nag plugin, so it synthesises)
    const app = new App();
    const stack = new Stack(app, 'Careless');
    new sqs.Queue(stack, 'CarelessQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new s3.Bucket(stack, 'CarelessBucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    const role = new iam.Role(stack, 'CarelessRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));

    // WHEN the checks run
    const nag = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    const template = stackTemplates(app)[0]!.template;
    const wildcards = policyStatements(template)
      .filter((f) => f.logicalId.startsWith('CarelessRole'))
      .flatMap((f) => wildcardsOf(f.statement).filter((w) => !WILDCARD_ALLOW_LIST.some((a) => allows(a, w, f))));
    const resources = Object.entries(template.Resources ?? {});
    const [queueId, queue] = resources.find(([id]) => id.startsWith('CarelessQueue'))!;
    const [bucketId, bucket] = resources.find(([id, r]) => id.startsWith('CarelessBucket') && r.Type === 'AWS::S3::Bucket')!;

    // THEN each check reports its finding
    expect(nag).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-S2', 'AwsSolutions-IAM5[Resource::*]']));
    expect(wildcards).toEqual(['Action', 'Resource']);
    expect(queueId && encryptionFinding(queue)).toBe('customer-managed key');
    expect(encryptionFinding(bucket)).toBe('customer-managed key');
    expect(bucketAccessFindings(bucketId, bucket, template)).toEqual([
      'PublicAccessBlockConfiguration.BlockPublicPolicy is not true',
      'PublicAccessBlockConfiguration.RestrictPublicBuckets is not true',
      'no bucket policy denying requests without TLS (aws:SecureTransport false)',
    ]);
  });
});
