import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_FEATURE_NAMES } from '../../lib/model';
import { tarGzOneFile } from '../../stacks/constructs/model-tarball';
import { XGBOOST_IMAGE_ACCOUNTS } from '../../stacks/constructs/xgboost-image';
import { FeaturesStack } from '../../stacks/features-stack';
import { InferenceStack, type InferenceStackProps } from '../../stacks/inference-stack';
import { StreamStack } from '../../stacks/stream-stack';
import { captureError } from './reporting-helpers';
import { gunzipSync } from 'node:zlib';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A published model folder as `snowline train` writes it (a one-tree model is enough for a template). */
function modelDir(featureNames: readonly string[] = MODEL_FEATURE_NAMES): string {
  const dir = mkdtempSync(join(tmpdir(), 'snowline-model-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ learner: { learner_model_param: { num_feature: String(featureNames.length) } } }));
  writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ name: 'propensity-xgb', version: 'propensity-xgb-test-1', featureNames }));
  return dir;
}

function inferenceApp(props: Partial<InferenceStackProps> = {}, env: { account: string; region: string } | null = { account: '123456789012', region: 'eu-west-1' }) {
  const outdir = mkdtempSync(join(tmpdir(), 'snowline-inference-'));
  dirs.push(outdir);
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stream = new StreamStack(app, 'Streams', env ? { env } : {});
  const features = new FeaturesStack(app, 'Features', { ...(env ? { env } : {}), enrichedStream: stream.enrichedStream, badRowsStream: stream.badRowsStream, encryptionKey: stream.encryptionKey });
  const stack = new InferenceStack(app, 'Inference', { ...(env ? { env } : {}), featureGroups: features.featureGroups, modelDir: modelDir(), ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

const main = inferenceApp();
const agnostic = inferenceApp({ endpoint: { primary: { weight: 1 }, candidate: { weight: 1, modelDataUrl: 's3://models/propensity/v2/model.tar.gz', modelVersion: 'v2' } } }, null);

describe('InferenceStack', () => {
  it('serves the model on the built-in XGBoost 1.7 image, two weighted variants, encrypted', () => {
    // GIVEN the stack in eu-west-1 WHEN synthesised THEN each variant's model uses the region's image and the packed artifact
    main.template.resourceCountIs('AWS::SageMaker::Model', 2);
    main.template.hasResourceProperties('AWS::SageMaker::Model', {
      PrimaryContainer: { Image: `${XGBOOST_IMAGE_ACCOUNTS['eu-west-1']}.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1`, ModelDataUrl: Match.anyValue() },
    });
    main.template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      KmsKeyId: Match.anyValue(),
      ProductionVariants: [
        Match.objectLike({ VariantName: 'Primary', InitialVariantWeight: 9, InitialInstanceCount: 1, InstanceType: 'ml.m5.large' }),
        Match.objectLike({ VariantName: 'Candidate', InitialVariantWeight: 1 }),
      ],
    });
    main.template.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'snowline-propensity' });
    // AND a region-agnostic stack looks the account up in a mapping; a candidate may serve another model
    const agnosticModels = Object.values(agnostic.template.findResources('AWS::SageMaker::Model'));
    expect(JSON.stringify(agnosticModels[0])).toContain('XgboostImageAccounts');
    expect(agnosticModels.map((m) => m.Properties.PrimaryContainer.ModelDataUrl)).toContainEqual('s3://models/propensity/v2/model.tar.gz');
    agnostic.template.hasResourceProperties('AWS::SageMaker::EndpointConfig', {
      ProductionVariants: [Match.objectLike({ InitialVariantWeight: 1 }), Match.objectLike({ InitialVariantWeight: 1 })],
    });
  });

  it('packs the model as model.tar.gz holding xgboost-model, the same bytes for the same model', () => {
    const a = tarGzOneFile('xgboost-model', Buffer.from('{"x":1}'));
    expect(a.equals(tarGzOneFile('xgboost-model', Buffer.from('{"x":1}')))).toBe(true);
    const tar = gunzipSync(a);
    expect(tar.subarray(0, 13).toString()).toBe('xgboost-model');
    expect(tar.subarray(512, 519).toString()).toBe('{"x":1}');
  });

  it('scales each variant on invocations per instance', () => {
    main.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 2);
    main.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: 'endpoint/snowline-propensity/variant/Primary', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount', MinCapacity: 1, MaxCapacity: 4,
    });
    main.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: { PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' }, TargetValue: 1000 },
    });
  });

  it('puts the function behind an HTTP API with a Cognito JWT authorizer requiring the predict scope', () => {
    main.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    for (const key of ['POST /predict', 'POST /predict/batch']) {
      main.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'JWT', AuthorizationScopes: ['snowline/predict'] });
    }
    main.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['client_credentials'], GenerateSecret: true });
  });

  it('gives the function the endpoint, the model versions and the feature groups, and only the rights it needs', () => {
    main.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({
        ENDPOINT_NAME: 'snowline-propensity', MODEL_VERSION: 'propensity-xgb-test-1', PREDICT_DEADLINE_MS: '250',
        MODEL_VERSIONS: JSON.stringify({ Primary: 'propensity-xgb-test-1', Candidate: 'propensity-xgb-test-1' }),
        FEATURE_GROUP_USER_ACTIVITY: 'user_activity', FEATURE_GROUP_PRODUCT_ACTIVITY: 'product_activity',
      }) },
    });
    const policies = JSON.stringify(main.template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('sagemaker:InvokeEndpoint');
    expect(policies).toContain(':endpoint/snowline-propensity');
    expect(policies).toContain('sagemaker:BatchGetRecord');
    expect(policies).toContain('feature-group/user_activity');
    expect(policies).not.toContain('"sagemaker:*"');
  });

  it('alarms on latency, errors and the degraded rate, to its topic', () => {
    main.template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    main.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'PredictLatency', Namespace: 'Snowline', ExtendedStatistic: 'p99', Threshold: 250, AlarmActions: Match.anyValue() });
    const alarms = JSON.stringify(main.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toContain('100 * d / p');
    expect(alarms).toContain('DegradedPredictions');
    expect(alarms).toContain('Invocation5XXErrors');
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings, with or without a concrete account and region', () => {
    const reports = [main.stack, agnostic.stack].map((s) => new AwsSolutionsChecks().validateScope(s));
    expect(reports.map((report) => report.violations)).toEqual([[], []]);
  });

  it.each([
    ['modelDir', { modelDir: '/no/such/model' }, 'got "/no/such/model"'],
    ['deadlineMs', { deadlineMs: 10 }, 'expected an integer from 50 to 10000'],
    ['alarmThresholds.degradedPercent', { alarmThresholds: { degradedPercent: 0, period: Duration.minutes(1) } }, 'got 0'],
    ['endpointName', { endpoint: { endpointName: 'bad_name' } }, 'got "bad_name"'],
    ['primary.weight', { endpoint: { primary: { weight: 0 }, candidate: { weight: 0 } } }, 'at least one variant'],
  ] as const)('rejects a bad %s, naming it and the value', (prop, props, message) => {
    const error = <Error>captureError(() => inferenceApp(props as Partial<InferenceStackProps>));
    expect(error.message).toContain(prop);
    expect(error.message).toContain(message);
  });

  it('refuses a model trained on other features, naming the first difference', () => {
    const error = <Error>captureError(() => inferenceApp({ modelDir: modelDir([...MODEL_FEATURE_NAMES].reverse()) }));
    expect(error.message).toMatch(/modelDir.*feature 0 is "user_event_age_s" in the model but "page_views_5m"/s);
  });
});
