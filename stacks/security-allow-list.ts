/**
 * The security allow-list: every IAM wildcard and every resource without a customer-managed key
 * that the security tests (`test/stacks/security.test.ts`) accept, each with its reason.
 *
 * Anything not listed here fails the tests, so a new wildcard or an unencrypted resource is a
 * decision written down in review, not an accident. Pure data.
 */

/** Where an IAM statement lives: an identity policy, or a resource policy of one type. */
export type StatementSource =
  | 'identity'
  | 'AWS::KMS::Key'
  | 'AWS::S3::BucketPolicy'
  | 'AWS::SQS::QueuePolicy'
  | 'AWS::SNS::TopicPolicy';

/** One accepted kind of `Allow` statement with `"Action": "*"` / `service:*` or `"Resource": "*"`. */
export interface WildcardAllowance {
  /** Which wildcard this accepts: `"Action": "*"` or `service:*`, or `"Resource": "*"`. */
  readonly wildcard: 'Action' | 'Resource';
  /** Where the statement lives. */
  readonly source: StatementSource;
  /** The statement's actions must all be among these (`'*'` here: any action). */
  readonly actions: readonly string[] | '*';
  /** The statement must carry a condition on this key (e.g. `cloudwatch:namespace`). @default - no condition required */
  readonly conditionKey?: string;
  /** The statement's principal must be this service or `'account-root'`. @default - any principal */
  readonly principal?: string;
  /** Why the wildcard is unavoidable or harmless, in one line. */
  readonly reason: string;
}

/** The accepted wildcards. */
export const WILDCARD_ALLOW_LIST: readonly WildcardAllowance[] = [
  {
    wildcard: 'Resource',
    source: 'identity',
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    reason: 'Active X-Ray tracing: these actions have no resource-level permissions.',
  },
  {
    wildcard: 'Resource',
    source: 'identity',
    actions: ['cloudwatch:PutMetricData'],
    conditionKey: 'cloudwatch:namespace',
    reason: 'PutMetricData has no resource-level permissions; the condition limits it to one namespace.',
  },
  {
    wildcard: 'Resource',
    source: 'identity',
    actions: ['kinesis:ListShards'],
    reason: 'The event source mapping lists shards on the stream it reads; the CDK grants it this way.',
  },
  {
    wildcard: 'Resource',
    source: 'identity',
    actions: ['cloudfront:GetInvalidation', 'cloudfront:CreateInvalidation'],
    reason: "aws-cdk-lib's BucketDeployment grants these on every distribution (not configurable); it invalidates only the dashboard's.",
  },
  {
    wildcard: 'Resource',
    source: 'identity',
    actions: ['ecr:GetAuthorizationToken'],
    reason: 'The SageMaker endpoint pulls its image from ECR; GetAuthorizationToken has no resource-level permissions.',
  },
  {
    wildcard: 'Action',
    source: 'AWS::KMS::Key',
    actions: ['kms:*'],
    principal: 'account-root',
    reason: "A key policy's Resource \"*\" is the key itself; kms:* for the account root lets IAM policies delegate (the CDK default key policy).",
  },
  {
    wildcard: 'Resource',
    source: 'AWS::KMS::Key',
    actions: '*',
    reason: 'In a key policy Resource "*" means this key only; its actions are checked on their own (kms:* only for the account root).',
  },
];

/** Why a resource of one type may go without a customer-managed key or a TLS-only policy. */
export interface EncryptionException {
  /** The CloudFormation resource type. */
  readonly type: string;
  /** The end of its construct path (the `aws:cdk:path` metadata), e.g. `/Dashboard/Bucket/Resource`. */
  readonly pathEndsWith: string;
  /** What it may lack. */
  readonly lacks: 'customer-managed key';
  /** Why, in one line. */
  readonly reason: string;
}

/** The accepted exceptions to "every data resource has a customer-managed key". */
export const ENCRYPTION_EXCEPTIONS: readonly EncryptionException[] = [
  {
    type: 'AWS::S3::Bucket',
    pathEndsWith: '/Dashboard/Bucket/Resource',
    lacks: 'customer-managed key',
    reason: 'The static dashboard (HTML/JS, no data) for CloudFront: SSE-S3, since a KMS key policy would need the distribution ARN it cannot name without a cycle.',
  },
  {
    type: 'AWS::S3::Bucket',
    pathEndsWith: '-Lake/AccessLogs/Resource',
    lacks: 'customer-managed key',
    reason: 'The target of S3 server access logs: S3 delivers access logs only to buckets with SSE-S3 default encryption, not SSE-KMS.',
  },
];
