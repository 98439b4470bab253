/**
 * The inference stack: the inference Lambda behind an authorised HTTP API, reading the online
 * features and calling the propensity model on a SageMaker endpoint, with alarms.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { checkFeatureNames } from '../lib/model/checkFeatureNames';
import { readModelMetadata } from '../stores/inference/readModelMetadata';
import { AlarmTopic } from './constructs/alarm-topic';
import { InferenceHttpApi } from './constructs/inference-http-api';
import { checkExistingPath } from './constructs/path-checks';
import { PropensityEndpoint, type PropensityEndpointProps } from './constructs/propensity-endpoint';
import type { SnowlineFeatureGroup } from './constructs/snowline-feature-group';
import { SnowlineFunction } from './constructs/snowline-function';
import { featureGroupVariable } from './features-stack';
import { checkInteger, invalid } from './prop-checks';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the stack finds its code and model by default. */
export const INFERENCE_DEFAULT_PATHS = {
  inferenceHandlerEntry: join(REPO_ROOT, 'handlers', 'inference.ts'),
  /** The folder `snowline train` publishes to: `model.json` and `metadata.json`. */
  modelDir: join(REPO_ROOT, 'model', 'propensity'),
} as const;

/** The metrics the inference handler publishes (embedded metric format), namespace and dimension. */
export const INFERENCE_METRICS = { namespace: 'Snowline', dimensions: { service: 'snowline-inference' } } as const;

/** Read actions of the online store the inference function needs. */
export const ONLINE_READ_ACTIONS = ['sagemaker:BatchGetRecord', 'sagemaker:GetRecord'] as const;

/** When the inference alarms go off. */
export interface InferenceAlarmThresholds {
  /** p99 of the answer latency measured by the handler, ms. Range ≥ 1. @default 250 (the deadline) */
  readonly p99LatencyMs?: number;
  /** Lambda errors, or endpoint 5xx, in a period. Range ≥ 1. @default 1 */
  readonly errors?: number;
  /** Degraded predictions, percent of predictions in a period. Range 1-100. @default 5 */
  readonly degradedPercent?: number;
  /** @default Duration.minutes(5) */
  readonly period?: Duration;
}

/** Props of {@link InferenceStack}. */
export interface InferenceStackProps extends StackProps {
  /** The feature groups the model reads (the features stack's `featureGroups`). */
  readonly featureGroups: readonly SnowlineFeatureGroup[];
  /** The published model's folder, with `model.json` and `metadata.json`; its feature order must be lib/model's. @default INFERENCE_DEFAULT_PATHS.modelDir */
  readonly modelDir?: string;
  /** The endpoint: name, variants (weights, instances, another model for the candidate), autoscaling. @default - PropensityEndpoint's defaults */
  readonly endpoint?: Omit<PropensityEndpointProps, 'modelFile' | 'modelVersion'>;
  /** The Cognito domain prefix of the token endpoint (unique in the region). @default `<stack name, lower-cased>-<account>` */
  readonly cognitoDomainPrefix?: string;
  /** The answer deadline, ms (`PREDICT_DEADLINE_MS`). Range 50-10000. @default 250 */
  readonly deadlineMs?: number;
  /** A Redis (ElastiCache) URL for the shared feature cache; the function must then run in its VPC. @default - the in-process cache */
  readonly featureCacheRedisUrl?: string;
  /** @default - see InferenceAlarmThresholds */
  readonly alarmThresholds?: InferenceAlarmThresholds;
  /** The handler module (exporting `handler`). @default INFERENCE_DEFAULT_PATHS.inferenceHandlerEntry */
  readonly inferenceHandlerEntry?: string;
}

/**
 * Feature-enriched predictions on AWS:
 * - the inference function (handlers/inference.ts), reading the online store with BatchGetRecord
 *   and calling the endpoint, with a 250 ms deadline;
 * - an HTTP API (`POST /predict`, `POST /predict/batch`) with a JWT authorizer on a Cognito user pool;
 * - the propensity model on SageMaker's built-in XGBoost 1.7: two weighted production variants,
 *   autoscaling, a KMS key;
 * - alarms on latency, errors (function and endpoint) and the degraded rate, to an encrypted topic.
 *
 * @example
 * ```ts
 * new InferenceStack(app, 'Snowline-dev-Inference', { env, featureGroups: features.featureGroups });
 * ```
 */
export class InferenceStack extends Stack {
  readonly inferenceFunction: SnowlineFunction;
  readonly api: InferenceHttpApi;
  readonly endpoint: PropensityEndpoint;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: { readonly latency: cloudwatch.Alarm; readonly errors: cloudwatch.Alarm; readonly endpointErrors: cloudwatch.Alarm; readonly degraded: cloudwatch.Alarm };

  constructor(scope: Construct, id: string, props: InferenceStackProps) {
    super(scope, id, { description: 'Snowline: feature-enriched predictions from a SageMaker endpoint, their API and alarms', ...props });
    Validations.of(this).acknowledge({
      id: 'Annotation::@aws-cdk/core:crossStackReferencesDefaultStrong',
      reason: 'Strong references on purpose: the features stack cannot remove a group or key this stack reads.',
    });
    if (props.featureGroups.length === 0) throw invalid(this, 'featureGroups', [], 'the feature groups the model reads');
    const deadlineMs = props.deadlineMs ?? 250;
    checkInteger(this, 'deadlineMs', deadlineMs, { min: 50, max: 10_000, unit: 'ms' });
    const thresholds = { p99LatencyMs: 250, errors: 1, degradedPercent: 5, period: Duration.minutes(5), ...props.alarmThresholds };
    checkInteger(this, 'alarmThresholds.p99LatencyMs', thresholds.p99LatencyMs, { min: 1 });
    checkInteger(this, 'alarmThresholds.errors', thresholds.errors, { min: 1 });
    checkInteger(this, 'alarmThresholds.degradedPercent', thresholds.degradedPercent, { min: 1, max: 100 });
    const entry = props.inferenceHandlerEntry ?? INFERENCE_DEFAULT_PATHS.inferenceHandlerEntry;
    checkExistingPath(this, 'inferenceHandlerEntry', entry, 'file');
    const modelDir = props.modelDir ?? INFERENCE_DEFAULT_PATHS.modelDir;
    checkExistingPath(this, 'modelDir', modelDir, 'directory');
    const metadata = readModelMetadata(modelDir);
    if (metadata === undefined) throw invalid(this, 'modelDir', modelDir, 'a published model folder with metadata.json (run `snowline train`)');
    try {
      checkFeatureNames(`${metadata.name}@${metadata.version}`, metadata.featureNames);
    } catch (error) {
      throw invalid(this, 'modelDir', modelDir, `a model trained on lib/model's MODEL_FEATURE_NAMES (${(error as Error).message})`);
    }

    this.endpoint = new PropensityEndpoint(this, 'Endpoint', { ...props.endpoint, modelFile: existsSync(join(modelDir, 'model.tar.gz')) ? join(modelDir, 'model.tar.gz') : join(modelDir, 'model.json'), modelVersion: metadata.version });
    this.inferenceFunction = new SnowlineFunction(this, 'InferenceFunction', {
      entry,
      serviceName: 'snowline-inference',
      description: 'Snowline: feature-enriched predictions',
      memorySize: 1024,
      timeout: Duration.seconds(5),
      environment: {
        ENDPOINT_NAME: this.endpoint.endpointName,
        MODEL_VERSION: metadata.version,
        MODEL_VERSIONS: JSON.stringify(this.endpoint.modelVersions),
        PREDICT_DEADLINE_MS: String(deadlineMs),
        ...(props.featureCacheRedisUrl ? { FEATURE_CACHE_REDIS_URL: props.featureCacheRedisUrl } : {}),
        ...Object.fromEntries(props.featureGroups.map((group) => [featureGroupVariable(group.featureGroupName), group.featureGroupName])),
      },
    });
    this.endpoint.grantInvoke(this.inferenceFunction);
    iam.Grant.addToPrincipal({ grantee: this.inferenceFunction, actions: [...ONLINE_READ_ACTIONS], resourceArns: props.featureGroups.map((group) => group.featureGroupArn) });
    for (const key of new Set(props.featureGroups.map((group) => group.encryptionKey))) key.grant(this.inferenceFunction, 'kms:Decrypt');

    this.api = new InferenceHttpApi(this, 'Api', {
      handler: this.inferenceFunction.function,
      domainPrefix: props.cognitoDomainPrefix ?? `${this.stackName.toLowerCase()}-${this.account}`,
    });

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { displayName: 'Snowline inference alarms' });
    const metric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({ namespace: INFERENCE_METRICS.namespace, metricName, dimensionsMap: { ...INFERENCE_METRICS.dimensions }, statistic, period: thresholds.period });
    const alarm = (id: string, description: string, m: cloudwatch.IMetric, threshold: number) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: description,
        metric: m,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.alarmTopic.notify(a);
      return a;
    };
    const endpoint5xx = new cloudwatch.MathExpression({
      expression: 'SUM(METRICS())',
      usingMetrics: Object.fromEntries(
        Object.keys(this.endpoint.modelVersions).map((variant, i) => [
          `e${i}`,
          new cloudwatch.Metric({ namespace: 'AWS/SageMaker', metricName: 'Invocation5XXErrors', dimensionsMap: { EndpointName: this.endpoint.endpointName, VariantName: variant }, statistic: 'Sum', period: thresholds.period }),
        ]),
      ),
      period: thresholds.period,
    });
    this.alarms = {
      latency: alarm('LatencyAlarm', `p99 of /predict above ${thresholds.p99LatencyMs} ms`, metric('PredictLatency', 'p99'), thresholds.p99LatencyMs),
      errors: alarm('ErrorsAlarm', 'The inference function failed', this.inferenceFunction.function.metricErrors({ period: thresholds.period }), thresholds.errors),
      endpointErrors: alarm('EndpointErrorsAlarm', 'The propensity endpoint answered 5xx', endpoint5xx, thresholds.errors),
      degraded: alarm(
        'DegradedAlarm',
        `More than ${thresholds.degradedPercent}% of predictions degraded (Feature Store or endpoint slow or down)`,
        new cloudwatch.MathExpression({
          expression: 'IF(p > 0, 100 * d / p, 0)',
          usingMetrics: { d: metric('DegradedPredictions', 'Sum'), p: metric('Predictions', 'Sum') },
          period: thresholds.period,
        }),
        thresholds.degradedPercent,
      ),
    };

    new CfnOutput(this, 'InferenceApiUrl', { description: 'POST /predict and /predict/batch', value: this.api.url });
    new CfnOutput(this, 'TokenUrl', { description: 'OAuth client credentials token endpoint (scope snowline/predict)', value: this.api.tokenUrl });
    new CfnOutput(this, 'ClientId', { description: 'The app client of calling applications', value: this.api.client.userPoolClientId });
    new CfnOutput(this, 'EndpointName', { description: 'The SageMaker endpoint', value: this.endpoint.endpointName });
  }
}
