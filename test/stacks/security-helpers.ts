/**
 * What the security tests read from synthesised templates: every stack of an environment's app,
 * every IAM statement with where it lives, the acknowledged cdk-nag findings, and the encryption
 * findings of each resource type that supports a customer-managed key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { EnvironmentName } from '../../stacks/environments';
import type { StatementSource, WildcardAllowance } from '../../stacks/security-allow-list';
import { buildSnowlineApp } from '../../stacks/snowline-app';

/** A CloudFormation template as JSON. */
export type TemplateJson = { readonly Resources?: Record<string, CfnResourceJson> };
/** A resource in a template. */
export type CfnResourceJson = { readonly Type: string; readonly Properties?: Record<string, any>; readonly Metadata?: Record<string, any> };

const outdirs: string[] = [];

/** Removes the output folders of the apps built so far (call in `afterAll`). */
export function removeSecurityOutdirs(): void {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The app `cdk synth -c env=NAME` builds (bundling skipped: the tests read templates only). */
export function environmentApp(environment: EnvironmentName): App {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-security-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { env: environment, 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-path-metadata': true } });
  buildSnowlineApp(app);
  return app;
}

/** Every stack in `scope`, including those of nested stages, with its template. */
export function stackTemplates(scope: IConstruct): { readonly stack: Stack; readonly template: TemplateJson }[] {
  return scope.node
    .findAll()
    .filter((c): c is Stack => Stack.isStack(c))
    .map((stack) => ({ stack, template: Template.fromStack(stack).toJSON() as TemplateJson }));
}

/** An IAM policy statement, as CloudFormation holds it. */
export interface Statement {
  readonly Effect?: string;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A statement with the resource and policy type it was found in. */
export interface FoundStatement {
  readonly logicalId: string;
  readonly source: StatementSource | string;
  readonly statement: Statement;
}

const RESOURCE_POLICY_DOCUMENT: Record<string, string> = {
  'AWS::KMS::Key': 'KeyPolicy',
  'AWS::S3::BucketPolicy': 'PolicyDocument',
  'AWS::SQS::QueuePolicy': 'PolicyDocument',
  'AWS::SNS::TopicPolicy': 'PolicyDocument',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy',
};

/** Every statement of every identity and resource policy in the template (not trust policies). */
export function policyStatements(template: TemplateJson): FoundStatement[] {
  const found: FoundStatement[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const props = resource.Properties ?? {};
    const documents: { source: string; document: unknown }[] = [];
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      documents.push({ source: 'identity', document: props.PolicyDocument });
    } else if (resource.Type === 'AWS::IAM::Role' || resource.Type === 'AWS::IAM::User' || resource.Type === 'AWS::IAM::Group') {
      for (const policy of (props.Policies ?? []) as { PolicyDocument: unknown }[]) {
        documents.push({ source: 'identity', document: policy.PolicyDocument });
      }
    } else if (RESOURCE_POLICY_DOCUMENT[resource.Type]) {
      documents.push({ source: resource.Type, document: props[RESOURCE_POLICY_DOCUMENT[resource.Type]!] });
    }
    for (const { source, document } of documents) {
      const statements = (document as { Statement?: Statement[] } | undefined)?.Statement ?? [];
      for (const statement of statements) found.push({ logicalId, source, statement });
    }
  }
  return found;
}

function list(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The wildcards an `Allow` statement has: `Action` (`*`, `service:*` or NotAction), `Resource` (`*` or NotResource). */
export function wildcardsOf(statement: Statement): ('Action' | 'Resource')[] {
  if (statement.Effect !== 'Allow') return [];
  const wildcards: ('Action' | 'Resource')[] = [];
  const actions = list(statement.Action);
  if (statement.NotAction !== undefined || actions.some((a) => a === '*' || (typeof a === 'string' && /^[a-z0-9-]+:\*$/i.test(a)))) {
    wildcards.push('Action');
  }
  if (statement.NotResource !== undefined || list(statement.Resource).includes('*')) wildcards.push('Resource');
  return wildcards;
}

/** Whether `allowance` accepts the `wildcard` of `found`. */
export function allows(allowance: WildcardAllowance, wildcard: 'Action' | 'Resource', found: FoundStatement): boolean {
  const { statement } = found;
  if (allowance.wildcard !== wildcard || allowance.source !== found.source) return false;
  if (allowance.actions !== '*') {
    const accepted = allowance.actions;
    if (statement.NotAction !== undefined) return false;
    if (!list(statement.Action).every((action) => typeof action === 'string' && accepted.includes(action))) return false;
  }
  if (allowance.conditionKey !== undefined) {
    const keys = Object.values(statement.Condition ?? {}).flatMap((operator) => Object.keys(operator));
    if (!keys.includes(allowance.conditionKey)) return false;
  }
  if (allowance.principal !== undefined) {
    const principal = statement.Principal as { AWS?: unknown; Service?: unknown } | undefined;
    if (allowance.principal === 'account-root') {
      if (!JSON.stringify(principal?.AWS ?? '').includes(':root')) return false;
    } else if (!list(principal?.Service).includes(allowance.principal)) {
      return false;
    }
  }
  return true;
}

/** A cdk-nag acknowledgement (suppression), where it was made and its reason. */
export interface Acknowledgement {
  readonly path: string;
  readonly rule: string;
  readonly reason: unknown;
}

/** Every rule acknowledged with `Validations.of(x).acknowledge` (and legacy `cdk_nag` metadata) in `scope`. */
export function acknowledgements(scope: IConstruct): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  for (const construct of scope.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [rule, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          found.push({ path: construct.node.path, rule, reason });
        }
      }
    }
    const cfnMetadata = (construct as { cfnOptions?: { metadata?: Record<string, any> } }).cfnOptions?.metadata;
    for (const rule of (cfnMetadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason?: unknown }[]) {
      found.push({ path: construct.node.path, rule: rule.id, reason: rule.reason });
    }
  }
  return found;
}

/** Whether a KMS key reference names a customer-managed key (not an `alias/aws/...` AWS-managed one). */
function customerKey(key: unknown): boolean {
  if (key === undefined || key === null || key === '') return false;
  return !(typeof key === 'string' && /(^|:)alias\/aws\//.test(key));
}

/** What a data resource lacks, or `undefined` if it has a customer-managed key (and for buckets: TLS-only, no public access). */
export function encryptionFinding(resource: CfnResourceJson): string | undefined {
  const p = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::S3::Bucket': {
      const defaults = ((p.BucketEncryption?.ServerSideEncryptionConfiguration ?? []) as any[]).map((r) => r.ServerSideEncryptionByDefault ?? {});
      if (!defaults.some((d) => d.SSEAlgorithm === 'aws:kms' && customerKey(d.KMSMasterKeyID))) return 'customer-managed key';
      return undefined;
    }
    case 'AWS::DynamoDB::Table':
      return p.SSESpecification?.SSEEnabled === true && customerKey(p.SSESpecification?.KMSMasterKeyId) ? undefined : 'customer-managed key';
    case 'AWS::DynamoDB::GlobalTable': {
      const replicas = (p.Replicas ?? []) as any[];
      const ok = p.SSESpecification?.SSEType === 'KMS' && replicas.every((r) => customerKey(r.SSESpecification?.KMSMasterKeyId));
      return ok ? undefined : 'customer-managed key';
    }
    case 'AWS::Kinesis::Stream':
      return p.StreamEncryption?.EncryptionType === 'KMS' && customerKey(p.StreamEncryption?.KeyId) ? undefined : 'customer-managed key';
    case 'AWS::SQS::Queue':
    case 'AWS::SNS::Topic':
      return customerKey(p.KmsMasterKeyId) ? undefined : 'customer-managed key';
    case 'AWS::Logs::LogGroup':
    case 'AWS::SageMaker::EndpointConfig':
    case 'AWS::SecretsManager::Secret':
      return customerKey(p.KmsKeyId) ? undefined : 'customer-managed key';
    case 'AWS::SageMaker::FeatureGroup': {
      const online = p.OnlineStoreConfig?.EnableOnlineStore === true && !customerKey(p.OnlineStoreConfig?.SecurityConfig?.KmsKeyId);
      const offline = p.OfflineStoreConfig !== undefined && !customerKey(p.OfflineStoreConfig?.S3StorageConfig?.KmsKeyId);
      return online || offline ? 'customer-managed key' : undefined;
    }
    case 'AWS::KinesisFirehose::DeliveryStream': {
      const s3 = p.ExtendedS3DestinationConfiguration ?? p.S3DestinationConfiguration;
      if (s3 && !customerKey(s3.EncryptionConfiguration?.KMSEncryptionConfig?.AWSKMSKeyARN)) return 'customer-managed key';
      return undefined;
    }
    case 'AWS::Athena::WorkGroup': {
      const enc = p.WorkGroupConfiguration?.ResultConfiguration?.EncryptionConfiguration;
      return enc?.EncryptionOption === 'SSE_KMS' || enc?.EncryptionOption === 'CSE_KMS' ? undefined : 'customer-managed key';
    }
    default:
      return undefined;
  }
}

/** The resource types {@link encryptionFinding} checks. */
export const ENCRYPTED_TYPES = [
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Kinesis::Stream',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Logs::LogGroup',
  'AWS::SageMaker::EndpointConfig',
  'AWS::SecretsManager::Secret',
  'AWS::SageMaker::FeatureGroup',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::Athena::WorkGroup',
] as const;

/** What an S3 bucket lacks of "TLS only" and "no public access". */
export function bucketAccessFindings(logicalId: string, resource: CfnResourceJson, template: TemplateJson): string[] {
  const findings: string[] = [];
  const block = resource.Properties?.PublicAccessBlockConfiguration ?? {};
  for (const flag of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
    if (block[flag] !== true) findings.push(`PublicAccessBlockConfiguration.${flag} is not true`);
  }
  const policies = Object.values(template.Resources ?? {}).filter(
    (r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties?.Bucket) === JSON.stringify({ Ref: logicalId }),
  );
  const tlsOnly = policies.some((policy) =>
    ((policy.Properties?.PolicyDocument?.Statement ?? []) as Statement[]).some(
      (s) => s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false',
    ),
  );
  if (!tlsOnly) findings.push('no bucket policy denying requests without TLS (aws:SecureTransport false)');
  return findings;
}

/** The construct path CDK records on a resource (`aws:cdk:path`), or its logical id. */
export function pathOf(logicalId: string, resource: CfnResourceJson): string {
  return String(resource.Metadata?.['aws:cdk:path'] ?? logicalId);
}
