/**
 * Builds every Snowline stack into a CDK app: one stack per capability, sharing nothing but the
 * explicit props passed here.
 */
import { type Stage, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OBSERVED_SERVICES } from '../handlers/shared/observability/constants';
import { featuresStackProps, inferenceStackProps, operationsStackProps, reportingStackProps, stackEnv, streamStackProps } from './environment-props';
import { environmentFromContext, type ResolvedEnvironment } from './environments';
import { FeaturesStack } from './features-stack';
import { InferenceStack } from './inference-stack';
import { LakeStack } from './lake-stack';
import { OperationsStack } from './operations-stack';
import { ReportingStack } from './reporting-stack';
import { StreamStack } from './stream-stack';

/** The stacks of one Snowline environment. Later capabilities add theirs here. */
export interface SnowlineStacks {
  /** The environment the context chose. */
  readonly environment: ResolvedEnvironment;
  /** The enriched and bad-rows streams and their key. */
  readonly stream: StreamStack;
  /** The reports table, the report and dashboard API functions, the dashboard and the alarms. */
  readonly reporting: ReportingStack;
  /** The feature groups, the feature function and its state table, and their alarms. */
  readonly features: FeaturesStack;
  /** The inference API and function, the propensity model's SageMaker endpoint, and their alarms. */
  readonly inference: InferenceStack;
  /** The lake: buckets, DMS from the shop database, the Glue catalog and merge job, Athena. */
  readonly lake: LakeStack;
  /** The operations dashboard of the environment, and the throttles and bad-row-rate alarms. */
  readonly operations: OperationsStack;
}

/** Options of {@link buildSnowlineApp}. */
export interface BuildSnowlineAppOptions {
  /**
   * Register cdk-nag's AWS Solutions checks on `app`. The pipeline turns this off: a plugin on a
   * stage validates the whole pipeline app, CDK Pipelines' own grants included, while the same
   * stacks are checked per environment by `test/stacks/security.test.ts`.
   *
   * @default true
   */
  readonly nagChecks?: boolean;
}

/**
 * The id (and CloudFormation stack name) of one capability's stack in an environment.
 *
 * @example
 * ```ts
 * stackId('dev', 'Stream'); // 'Snowline-dev-Stream'
 * ```
 */
export function stackId(environment: string, capability: string): string {
  return `Snowline-${environment}-${capability}`;
}

/**
 * Adds the stacks of the environment named by the `env` context (default `dev`) to `app`, and
 * registers cdk-nag's AWS Solutions checks, so `cdk synth` fails on any finding that is not
 * acknowledged next to its resource. Each stack takes its environment-dependent props (stream
 * capacity and retention, mapping settings, alarm thresholds) from `environment-props.ts`.
 *
 * `app` may be a pipeline `Stage`, with its environment given (`stacks/pipeline-stack.ts`).
 *
 * @example
 * ```ts
 * const app = new App({ context: { env: 'prod' } });
 * const { stream, reporting, features } = buildSnowlineApp(app);
 * ```
 */
export function buildSnowlineApp(
  app: Stage,
  environment: ResolvedEnvironment = environmentFromContext(app),
  options: BuildSnowlineAppOptions = {},
): SnowlineStacks {
  const env = stackEnv(environment);

  const stream = new StreamStack(app, stackId(environment.name, 'Stream'), { env, ...streamStackProps(environment) });
  const reporting = new ReportingStack(app, stackId(environment.name, 'Reporting'), {
    env,
    ...reportingStackProps(environment),
    enrichedStream: stream.enrichedStream,
    badRowsStream: stream.badRowsStream,
    encryptionKey: stream.encryptionKey,
  });
  const features = new FeaturesStack(app, stackId(environment.name, 'Features'), {
    env,
    ...featuresStackProps(environment),
    enrichedStream: stream.enrichedStream,
    badRowsStream: stream.badRowsStream,
    encryptionKey: stream.encryptionKey,
  });
  const inference = new InferenceStack(app, stackId(environment.name, 'Inference'), {
    env,
    ...inferenceStackProps(environment),
    featureGroups: features.featureGroups,
    endpoint: { endpointName: `snowline-${environment.name}-propensity` },
  });
  const lake = new LakeStack(app, stackId(environment.name, 'Lake'), { env, enrichedStream: stream.enrichedStream });
  const operations = new OperationsStack(app, stackId(environment.name, 'Operations'), {
    env,
    ...operationsStackProps(environment),
    consumers: [
      { name: 'reports', function: reporting.reportFunction.function, onFailureQueue: reporting.onFailureQueue.queue, service: OBSERVED_SERVICES.reports },
      { name: 'features', function: features.featureFunction.function, onFailureQueue: features.onFailureQueue.queue, service: OBSERVED_SERVICES.features },
    ],
    functions: [
      { name: 'dashboard-api', function: reporting.dashboardApiFunction.function },
      { name: 'inference', function: inference.inferenceFunction.function },
      ...(lake.eventsArchive ? [{ name: 'archive-transform', function: lake.eventsArchive.transform.function }] : []),
    ],
    existingAlarms: [
      reporting.reportAlarms.iteratorAge, reporting.reportAlarms.errors, reporting.reportAlarms.onFailure,
      features.featureAlarms.iteratorAge, features.featureAlarms.errors, features.featureAlarms.onFailure, features.failedPutRecordsAlarm.alarm,
      inference.alarms.latency, inference.alarms.errors, inference.alarms.endpointErrors, inference.alarms.degraded,
    ],
    endpoint: { endpointName: inference.endpoint.endpointName, variantNames: Object.keys(inference.endpoint.modelVersions) },
  });

  Tags.of(app).add('project', 'snowline');
  Tags.of(app).add('environment', environment.name);
  if (options.nagChecks ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { environment, stream, reporting, features, inference, lake, operations };
}
