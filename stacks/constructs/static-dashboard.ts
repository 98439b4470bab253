/**
 * The static dashboard: files in a private S3 bucket served by CloudFront, with the dashboard API
 * on the same origin under `/api/*`.
 */
import { DefaultStackSynthesizer, Duration, Fn, Stack, Token, Validations } from 'aws-cdk-lib';
import { DASHBOARD_CSP } from '../../lib/dashboard/securityHeaders';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { checkPattern } from '../prop-checks';
import { logEncryptionKey } from './log-encryption-key';
import { checkExistingPath } from './path-checks';

/** The id prefix of the singleton Lambda function that `BucketDeployment` adds to the stack. */
const DEPLOYMENT_HANDLER_ID_PREFIX = 'Custom::CDKBucketDeployment';

/** The IAM5 findings of `BucketDeployment`'s own grants that name no resource, acknowledged on its role. */
const DEPLOYMENT_WILDCARDS = [
  'Action::s3:GetObject*',
  'Action::s3:GetBucket*',
  'Action::s3:List*',
  'Action::s3:DeleteObject*',
  'Action::s3:Abort*',
  // cloudfront:CreateInvalidation and GetInvalidation, which BucketDeployment grants on every distribution.
  'Resource::*',
] as const;

/** Props of {@link StaticDashboard}. */
export interface StaticDashboardProps {
  /** The folder of the dashboard's static files, with `index.html` at its top; it must exist at synth. */
  readonly source: string;
  /** The HTTP API that CloudFront forwards `apiPathPattern` to, so the page calls it same-origin. */
  readonly api: apigwv2.IHttpApi;
  /**
   * The paths that go to the API rather than the bucket: a CloudFront path pattern starting
   * with `/`.
   *
   * @default '/api/*'
   */
  readonly apiPathPattern?: string;
  /**
   * The edge locations that serve the dashboard.
   *
   * @default cloudfront.PriceClass.PRICE_CLASS_100 (North America and Europe)
   */
  readonly priceClass?: cloudfront.PriceClass;
}

/**
 * A private, encrypted, TLS-only S3 bucket holding the dashboard's files (deployed from a local
 * folder with `BucketDeployment`), a CloudFront distribution reading it through origin access
 * control with `index.html` as its root object, and a behaviour that forwards the API's paths,
 * uncached, to the HTTP API.
 *
 * @example
 * ```ts
 * const site = new StaticDashboard(this, 'Site', { source: 'dashboard', api: api.httpApi });
 * new CfnOutput(this, 'DashboardUrl', { value: site.url });
 * ```
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
 */
export class StaticDashboard extends Construct {
  /** The bucket with the dashboard's files. */
  readonly bucket: s3.Bucket;
  /** The distribution that serves them. */
  readonly distribution: cloudfront.Distribution;
  /** The deployment that copies the folder into the bucket and invalidates the distribution. */
  readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: StaticDashboardProps) {
    super(scope, id);
    checkExistingPath(this, 'source', props.source, 'directory');
    const apiPathPattern = props.apiPathPattern ?? '/api/*';
    checkPattern(this, 'apiPathPattern', apiPathPattern, /^\/[a-zA-Z0-9_\-.*$/~"'@:+&]*$/, 'a CloudFront path pattern starting with "/"');

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3 rather than KMS: CloudFront's origin access control reads it with no key policy.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Static files read only by CloudFront through origin access control; requests are visible in the API access log and CloudFront metrics.',
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    // The same Content-Security-Policy the local server sends, declared once in lib/dashboard.
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Snowline dashboard: CSP, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: DASHBOARD_CSP, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Snowline: the real-time dashboard',
      defaultRootObject: 'index.html',
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        [apiPathPattern]: {
          origin: new origins.HttpOrigin(apiDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // API Gateway answers only to its own Host header, so the viewer's is not forwarded.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'A demo dashboard of aggregate reports, open to every country.' },
      { id: 'AwsSolutions-CFR2', reason: 'A demo dashboard of read-only aggregate reports; the API stage is throttled instead of a WAF web ACL.' },
      { id: 'AwsSolutions-CFR3', reason: 'A demo dashboard: API requests are in the HTTP API access log; static file requests need no log.' },
      { id: 'AwsSolutions-CFR4', reason: 'Served on the default *.cloudfront.net certificate, whose TLS policy CloudFront sets; a custom domain brings a TLSv1.2_2021 policy.' },
    );

    this.deployment = this.deploy(props.source);
  }

  /** The dashboard's `https://` URL on CloudFront. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  private deploy(source: string): s3deploy.BucketDeployment {
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      encryptionKey: logEncryptionKey(this),
    });
    // A role of our own instead of AWSLambdaBasicExecutionRole: logs go to one log group only.
    const role = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Snowline: copies the dashboard into ${this.node.path}/Bucket`,
    });
    logGroup.grantWrite(role);
    const deployment = new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(source)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role,
      logGroup,
    });
    Validations.of(role).acknowledge(
      ...[...DEPLOYMENT_WILDCARDS, ...this.deploymentObjectFindings()].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: "BucketDeployment's own grants: read the CDK asset bucket, replace the dashboard's files, invalidate the distribution.",
      })),
    );
    for (const handler of Stack.of(this).node.children) {
      if (!handler.node.id.startsWith(DEPLOYMENT_HANDLER_ID_PREFIX)) continue;
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'The runtime of the CDK-managed BucketDeployment handler is chosen by aws-cdk-lib.',
      });
    }
    return deployment;
  }

  /**
   * The IAM5 findings of the deployment's object-level grants, as cdk-nag writes them: every
   * object of the dashboard bucket and of the CDK asset bucket (named by the bootstrap qualifier,
   * the account and the region).
   */
  private deploymentObjectFindings(): string[] {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const synthesizer = stack.synthesizer;
    const qualifier =
      (synthesizer instanceof DefaultStackSynthesizer ? synthesizer.bootstrapQualifier : undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    return [
      `Resource::<${bucketId}.Arn>/*`,
      `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*`,
    ];
  }
}
