/**
 * The propensity model on a SageMaker real-time endpoint: two production variants, autoscaling,
 * a KMS key.
 */
import { ArnFormat, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { checkInteger, checkPattern, invalid } from '../prop-checks';
import { packModelTarball } from './model-tarball';
import { checkExistingPath } from './path-checks';
import { xgboostImageUri } from './xgboost-image';

/** What a caller of the endpoint may do. */
export const INVOKE_ENDPOINT_ACTIONS = ['sagemaker:InvokeEndpoint'] as const;

/** The variant names, as InvokeEndpoint's `InvokedProductionVariant` reports them. */
export const VARIANT_NAMES = { primary: 'Primary', candidate: 'Candidate' } as const;

/** One production variant: the model it serves, its share of traffic and its instances. */
export interface PropensityVariantProps {
  /**
   * The model artifact (`model.tar.gz` with an `xgboost-model` file) as an S3 URI.
   * @default - the endpoint's `modelFile`, packed and uploaded as an asset
   */
  readonly modelDataUrl?: string;
  /** The version it serves, as `/predict` reports it. @default - the endpoint's `modelVersion` */
  readonly modelVersion?: string;
  /** Its relative traffic weight. Range 0-1000 (0 sends it nothing). @default 9 for primary, 1 for candidate (a 10% canary) */
  readonly weight?: number;
  /** @default 'ml.m5.large' */
  readonly instanceType?: string;
  /** Instances at first, and autoscaling's floor. Range 1-100. @default 1 */
  readonly minInstances?: number;
  /** Autoscaling's ceiling. Range minInstances-100. @default 4 */
  readonly maxInstances?: number;
}

/** Props of {@link PropensityEndpoint}. */
export interface PropensityEndpointProps {
  /**
   * The model `snowline train` publishes: its `model.tar.gz` (uploaded as is), or its XGBoost JSON
   * file (packed into one). It must exist at synth unless both variants name a `modelDataUrl`.
   */
  readonly modelFile: string;
  /** The version of `modelFile`'s model (its metadata's `version`). */
  readonly modelVersion: string;
  /** The endpoint's name: 1-63 of `[a-zA-Z0-9-]`. @default 'snowline-propensity' */
  readonly endpointName?: string;
  /** The variant serving most traffic. @default - weight 9, modelFile */
  readonly primary?: PropensityVariantProps;
  /** The canary / B variant. @default - weight 1, modelFile */
  readonly candidate?: PropensityVariantProps;
  /** Autoscaling's target of invocations per instance per minute. Range 1-100000. @default 1000 */
  readonly invocationsPerInstance?: number;
}

/**
 * The propensity model behind one SageMaker endpoint, on the built-in XGBoost 1.7 container:
 * - a model per variant (the artifact from `modelFile` packed as `model.tar.gz` and uploaded as
 *   an S3 asset, unless a variant names its own `modelDataUrl`);
 * - an endpoint config with two production variants, Primary and Candidate, weighted 9:1 by
 *   default (a canary; equal weights for an A/B test), its storage encrypted with its own key;
 * - the endpoint, and target-tracking autoscaling of each variant on invocations per instance.
 *
 * @example
 * ```ts
 * const endpoint = new PropensityEndpoint(this, 'Endpoint', { modelFile: 'model/propensity/model.json', modelVersion: 'propensity-xgb-1' });
 * endpoint.grantInvoke(inferenceFunction);
 * ```
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-ab-testing.html
 */
export class PropensityEndpoint extends Construct {
  /** The endpoint. */
  readonly endpoint: sagemaker.CfnEndpoint;
  /** Its config. */
  readonly endpointConfig: sagemaker.CfnEndpointConfig;
  /** The key of the endpoint's storage. */
  readonly encryptionKey: kms.Key;
  /** The role SageMaker runs the models with. */
  readonly role: iam.Role;
  /** The endpoint's name. */
  readonly endpointName: string;
  /** The model version of each variant, by variant name. */
  readonly modelVersions: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: PropensityEndpointProps) {
    super(scope, id);
    this.endpointName = props.endpointName ?? 'snowline-propensity';
    checkPattern(this, 'endpointName', this.endpointName, /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, '1-63 characters of a-z, A-Z, 0-9 and "-"');
    const target = props.invocationsPerInstance ?? 1000;
    checkInteger(this, 'invocationsPerInstance', target, { min: 1, max: 100_000, unit: 'invocations per minute' });
    const variants = [
      { name: VARIANT_NAMES.primary, prop: 'primary', ...props.primary, weight: props.primary?.weight ?? 9 },
      { name: VARIANT_NAMES.candidate, prop: 'candidate', ...props.candidate, weight: props.candidate?.weight ?? 1 },
    ];
    for (const v of variants) {
      checkInteger(this, `${v.prop}.weight`, v.weight, { min: 0, max: 1000 });
      checkInteger(this, `${v.prop}.minInstances`, v.minInstances ?? 1, { min: 1, max: 100 });
      checkInteger(this, `${v.prop}.maxInstances`, v.maxInstances ?? 4, { min: v.minInstances ?? 1, max: 100 });
      if (v.modelDataUrl !== undefined) checkPattern(this, `${v.prop}.modelDataUrl`, v.modelDataUrl, /^s3:\/\/[^/]+\/.+\.tar\.gz$/, 'an S3 URI of a .tar.gz');
    }
    if (variants.every((v) => v.weight === 0)) throw invalid(this, 'primary.weight', 0, 'a weight above 0 on at least one variant');

    this.encryptionKey = new kms.Key(this, 'Key', { description: `Snowline: encrypts the storage of the endpoint ${this.endpointName}`, enableKeyRotation: true });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `Snowline: runs the propensity models of ${this.endpointName}`,
    });
    const stack = Stack.of(this);
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
      resources: [`arn:${stack.partition}:ecr:${stack.region}:*:repository/sagemaker-xgboost`],
    }));
    // Neither action has resource-level permissions; the metrics are held to SageMaker's namespace.
    this.role.addToPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': '/aws/sagemaker/Endpoints' } },
    }));
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/sagemaker/Endpoints/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }));
    this.encryptionKey.grantEncryptDecrypt(this.role);

    let asset: s3assets.Asset | undefined;
    const modelDataUrlOf = (v: PropensityVariantProps): string => {
      if (v.modelDataUrl !== undefined) return v.modelDataUrl;
      if (asset === undefined) {
        checkExistingPath(this, 'modelFile', props.modelFile, 'file');
        asset = new s3assets.Asset(this, 'ModelArtifact', { path: props.modelFile.endsWith('.tar.gz') ? props.modelFile : packModelTarball(props.modelFile) });
        asset.grantRead(this.role);
      }
      return asset.s3ObjectUrl;
    };
    const image = xgboostImageUri(this);
    const models = variants.map((v) => {
      const model = new sagemaker.CfnModel(this, `${v.name}Model`, {
        executionRoleArn: this.role.roleArn,
        primaryContainer: { image, modelDataUrl: modelDataUrlOf(v) },
      });
      model.node.addDependency(this.role);
      return model;
    });
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'Config', {
      kmsKeyId: this.encryptionKey.keyArn,
      productionVariants: variants.map((v, i) => ({
        variantName: v.name,
        modelName: models[i]!.attrModelName,
        initialInstanceCount: v.minInstances ?? 1,
        instanceType: v.instanceType ?? 'ml.m5.large',
        initialVariantWeight: v.weight,
      })),
    });
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', { endpointName: this.endpointName, endpointConfigName: this.endpointConfig.attrEndpointConfigName });
    this.modelVersions = Object.fromEntries(variants.map((v) => [v.name, v.modelVersion ?? props.modelVersion]));

    for (const v of variants) {
      const scaling = new appscaling.ScalableTarget(this, `${v.name}Scaling`, {
        serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
        resourceId: `endpoint/${this.endpointName}/variant/${v.name}`,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        minCapacity: v.minInstances ?? 1,
        maxCapacity: v.maxInstances ?? 4,
      });
      scaling.node.addDependency(this.endpoint);
      scaling.scaleToTrackMetric('InvocationsPerInstance', {
        predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE,
        targetValue: target,
        scaleInCooldown: Duration.minutes(5),
        scaleOutCooldown: Duration.minutes(1),
      });
    }
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    Validations.of(this.role).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'ecr:GetAuthorizationToken and cloudwatch:PutMetricData have no resource-level permissions; the image pull is limited to the sagemaker-xgboost repository and the metrics to the SageMaker namespace.' },
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecr:${region}:*:repository/sagemaker-xgboost]`, reason: "The built-in XGBoost image lives in an AWS-owned account that differs per region." },
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws/sagemaker/Endpoints/*]`, reason: 'SageMaker names the endpoint log groups itself, under /aws/sagemaker/Endpoints/.' },
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${account}-${region}/*]`, reason: "The CDK's asset grant on the bootstrap bucket: the model artifact's object." },
      { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: "The CDK's asset grant: read of the model artifact's asset bucket objects." },
      { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: "The CDK's asset grant." },
      { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: "The CDK's asset grant." },
      { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: "The CDK's grant on the endpoint's own key." },
      { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: "The CDK's grant on the endpoint's own key." },
    );
  }

  /** Grants `sagemaker:InvokeEndpoint` on this endpoint only. */
  grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...INVOKE_ENDPOINT_ACTIONS],
      resourceArns: [Stack.of(this).formatArn({ service: 'sagemaker', resource: 'endpoint', resourceName: this.endpointName.toLowerCase() })],
    });
  }
}
