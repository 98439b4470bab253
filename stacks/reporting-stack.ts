/**
 * The reporting stack: the report Lambda consuming the enriched stream into the reports table, the
 * dashboard API behind an HTTP API, the static dashboard on CloudFront, and their alarms.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Lazy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { DEFAULT_EVENT_SOURCE, type EventSourceSettings, REPORTS_TABLE, type TableDefinition } from './config';
import { AlarmTopic } from './constructs/alarm-topic';
import { checkConsumerAlarmThresholds, ConsumerAlarms, type ConsumerAlarmThresholds } from './constructs/consumer-alarms';
import { DashboardHttpApi } from './constructs/dashboard-http-api';
import { EnrichedStreamConsumer } from './constructs/enriched-stream-consumer';
import { checkEventSourceSettings } from './constructs/kinesis-event-source-props';
import { OnFailureQueue } from './constructs/on-failure-queue';
import { checkExistingPath } from './constructs/path-checks';
import { SnowlineFunction } from './constructs/snowline-function';
import { SnowlineTable } from './constructs/snowline-table';
import { StaticDashboard } from './constructs/static-dashboard';
import { checkTableDefinition } from './constructs/table-definition-checks';
import { checkInteger, invalid } from './prop-checks';

/** The repository root, where the default handler entries and dashboard folder live. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the stack finds its code by default, from the repository root. */
export const REPORTING_DEFAULT_PATHS = {
  reportsHandlerEntry: join(REPO_ROOT, 'handlers', 'reports.ts'),
  dashboardApiHandlerEntry: join(REPO_ROOT, 'handlers', 'dashboard-api.ts'),
  dashboardSource: join(REPO_ROOT, 'dashboard'),
} as const;

/** The environment variables the stack gives the handlers, by what they hold. */
export const REPORTING_ENVIRONMENT = {
  /** The reports table's name (both functions). */
  reportsTable: 'REPORTS_TABLE',
  /** The bad-rows stream's name (report function). */
  badRowsStream: 'BAD_ROWS_STREAM',
  /** Days a minute row lives before DynamoDB's TTL removes it (report function). */
  minuteRowTtlDays: 'MINUTE_ROW_TTL_DAYS',
} as const;

/** The KMS actions with a wildcard that the CDK's stream, queue and table grants write. */
const KMS_GRANT_WILDCARDS = ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'] as const;

/** Props of {@link ReportingStack}. */
export interface ReportingStackProps extends StackProps {
  /** The enriched event stream the report function consumes: the stream stack's `enrichedStream`. */
  readonly enrichedStream: kinesis.IStream;
  /** The stream the report function writes bad rows to: the stream stack's `badRowsStream`. */
  readonly badRowsStream: kinesis.IStream;
  /**
   * The key that encrypts the reports table and the on-failure queue: the stream stack's
   * `encryptionKey`, one customer-managed key for the data of the app. (The alarm topic has its
   * own key, whose policy lets CloudWatch publish.)
   */
  readonly encryptionKey: kms.IKey;
  /**
   * The reports table. It must have a `timeToLiveAttribute` (minute rows expire). Names are
   * 3-255 of `[a-zA-Z0-9_.-]`; key types `S`, `N` or `B`.
   *
   * @default REPORTS_TABLE (stacks/config.ts)
   */
  readonly reportsTable?: TableDefinition;
  /**
   * The event source mapping of the report function, the same object the local runner reads.
   * Ranges: `batchSize` 1-10000, `maximumBatchingWindowInSeconds` 0-300,
   * `maximumRetryAttempts` -1 or 0-10000, `maximumRecordAgeInSeconds` -1 or 60-604800.
   *
   * @default DEFAULT_EVENT_SOURCE (stacks/config.ts)
   */
  readonly settings?: EventSourceSettings;
  /**
   * How many days a minute row lives before DynamoDB's TTL removes it (hour rows stay). Given
   * to the report function as `MINUTE_ROW_TTL_DAYS`. Range 1-365.
   *
   * @default 7
   */
  readonly minuteRowTtlDays?: number;
  /**
   * When the report function's alarms go off: iterator age, errors, and the period evaluated.
   * The on-failure queue alarms on any message.
   *
   * @default - { maxIteratorAge: Duration.minutes(1), errors: 1, period: Duration.minutes(5) }
   */
  readonly alarmThresholds?: ConsumerAlarmThresholds;
  /**
   * The report handler's module (exporting `handler`); it must exist at synth.
   *
   * @default REPORTING_DEFAULT_PATHS.reportsHandlerEntry (handlers/reports.ts)
   */
  readonly reportsHandlerEntry?: string;
  /**
   * The dashboard API handler's module (exporting `handler`); it must exist at synth.
   *
   * @default REPORTING_DEFAULT_PATHS.dashboardApiHandlerEntry (handlers/dashboard-api.ts)
   */
  readonly dashboardApiHandlerEntry?: string;
  /**
   * The folder of the dashboard's static files, with `index.html` at its top; it must exist at synth.
   *
   * @default REPORTING_DEFAULT_PATHS.dashboardSource (dashboard/)
   */
  readonly dashboardSource?: string;
  /**
   * The Cognito domain prefix of the dashboard's sign-in pages (unique in the region; 1-63 of
   * `[a-z0-9-]`, without "aws", "amazon" or "cognito").
   *
   * @default `<stack name, lower-cased>-<account>`
   */
  readonly cognitoDomainPrefix?: string;
}

/**
 * The real-time reports on AWS:
 * - the reports table (`SnowlineTable`: on-demand, PITR, the stream stack's key, TTL);
 * - the report function, consuming the enriched stream through `EnrichedStreamConsumer` with the
 *   settings object and an `OnFailureQueue`, writing the table and bad rows;
 * - the dashboard API function behind an HTTP API (`GET /api/reports/{report}`, `GET /api/health`)
 *   with a JWT authorizer on a Cognito user pool (people sign in on its hosted UI);
 * - the static dashboard on S3 and CloudFront, calling the API same-origin under `/api/*` with
 *   the signed-in person's access token;
 * - alarms on iterator age, errors and the on-failure queue, to an encrypted SNS topic.
 *
 * It shares nothing with other stacks but its explicit props.
 *
 * @example
 * ```ts
 * const streams = new StreamStack(app, 'Snowline-dev-Stream', { env });
 * const reporting = new ReportingStack(app, 'Snowline-dev-Reporting', {
 *   env,
 *   enrichedStream: streams.enrichedStream,
 *   badRowsStream: streams.badRowsStream,
 *   encryptionKey: streams.encryptionKey,
 * });
 * reporting.alarmTopic.topic.addSubscription(new EmailSubscription('oncall@example.com'));
 * ```
 */
export class ReportingStack extends Stack {
  /** The reports table. */
  readonly reportsTable: SnowlineTable;
  /** The function that aggregates enriched events into the reports table. */
  readonly reportFunction: SnowlineFunction;
  /** Its event source mapping on the enriched stream. */
  readonly reportConsumer: EnrichedStreamConsumer;
  /** Where Lambda reports the batches of the report function it gives up on. */
  readonly onFailureQueue: OnFailureQueue;
  /** The function behind the dashboard API. */
  readonly dashboardApiFunction: SnowlineFunction;
  /** The HTTP API in front of it. */
  readonly dashboardApi: DashboardHttpApi;
  /** The static dashboard on CloudFront. */
  readonly dashboard: StaticDashboard;
  /** The topic every alarm of this stack notifies; later stacks may add theirs. */
  readonly alarmTopic: AlarmTopic;
  /** The report function's alarms. */
  readonly reportAlarms: ConsumerAlarms;

  constructor(scope: Construct, id: string, props: ReportingStackProps) {
    super(scope, id, {
      description: 'Snowline: real-time reports in DynamoDB, their API and dashboard, and alarms',
      ...props,
    });
    Validations.of(this).acknowledge({
      id: 'Annotation::@aws-cdk/core:crossStackReferencesDefaultStrong',
      reason: 'Strong (export/import) references on purpose: the stream stack cannot remove a stream or key this stack reads.',
    });
    const settings = props.settings ?? DEFAULT_EVENT_SOURCE;
    checkEventSourceSettings(this, 'settings', settings);
    const minuteRowTtlDays = props.minuteRowTtlDays ?? 7;
    checkInteger(this, 'minuteRowTtlDays', minuteRowTtlDays, { min: 1, max: 365, unit: 'days' });
    checkConsumerAlarmThresholds(this, 'alarmThresholds', props.alarmThresholds ?? {});
    const definition = props.reportsTable ?? REPORTS_TABLE;
    checkTableDefinition(this, 'reportsTable', definition);
    if (definition.timeToLiveAttribute === undefined) {
      throw invalid(this, 'reportsTable.timeToLiveAttribute', undefined, 'an attribute name, since minute rows expire');
    }
    const paths = {
      reportsHandlerEntry: props.reportsHandlerEntry ?? REPORTING_DEFAULT_PATHS.reportsHandlerEntry,
      dashboardApiHandlerEntry: props.dashboardApiHandlerEntry ?? REPORTING_DEFAULT_PATHS.dashboardApiHandlerEntry,
      dashboardSource: props.dashboardSource ?? REPORTING_DEFAULT_PATHS.dashboardSource,
    };
    checkExistingPath(this, 'reportsHandlerEntry', paths.reportsHandlerEntry, 'file');
    checkExistingPath(this, 'dashboardApiHandlerEntry', paths.dashboardApiHandlerEntry, 'file');
    checkExistingPath(this, 'dashboardSource', paths.dashboardSource, 'directory');

    this.reportsTable = new SnowlineTable(this, 'ReportsTable', { definition, encryptionKey: props.encryptionKey });

    this.reportFunction = new SnowlineFunction(this, 'ReportFunction', {
      entry: paths.reportsHandlerEntry,
      serviceName: 'reports',
      description: 'Snowline: aggregates enriched events into the real-time reports',
      memorySize: 1024,
      timeout: Duration.minutes(1),
      environment: {
        [REPORTING_ENVIRONMENT.reportsTable]: this.reportsTable.tableName,
        [REPORTING_ENVIRONMENT.badRowsStream]: props.badRowsStream.streamName,
        [REPORTING_ENVIRONMENT.minuteRowTtlDays]: String(minuteRowTtlDays),
      },
    });
    this.reportsTable.grantReadWriteData(this.reportFunction);
    props.badRowsStream.grantWrite(this.reportFunction);
    this.onFailureQueue = new OnFailureQueue(this, 'ReportFailures', { encryptionKey: props.encryptionKey });
    this.reportConsumer = new EnrichedStreamConsumer(this, 'ReportConsumer', {
      handler: this.reportFunction.function,
      stream: props.enrichedStream,
      settings,
      onFailure: this.onFailureQueue,
    });
    acknowledgeKmsGrantWildcards(this.reportFunction);

    this.dashboardApiFunction = new SnowlineFunction(this, 'DashboardApiFunction', {
      entry: paths.dashboardApiHandlerEntry,
      serviceName: 'dashboard-api',
      description: 'Snowline: serves the real-time reports to the dashboard',
      environment: { [REPORTING_ENVIRONMENT.reportsTable]: this.reportsTable.tableName },
    });
    this.reportsTable.grantReadData(this.dashboardApiFunction);
    this.dashboardApi = new DashboardHttpApi(this, 'DashboardApi', {
      handler: this.dashboardApiFunction.function,
      signIn: {
        domainPrefix: props.cognitoDomainPrefix ?? `${this.stackName.toLowerCase()}-${this.account}`,
        // The page's URL is CloudFront's, which exists once the dashboard (in front of this API) does.
        callbackUrl: Lazy.string({ produce: () => `${this.dashboard.url}/` }),
      },
    });
    this.dashboard = new StaticDashboard(this, 'Dashboard', {
      source: paths.dashboardSource,
      api: this.dashboardApi.httpApi,
    });

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { displayName: 'Snowline reporting alarms' });
    this.reportAlarms = new ConsumerAlarms(this, 'ReportAlarms', {
      function: this.reportFunction.function,
      onFailureQueue: this.onFailureQueue.queue,
      alarmTopic: this.alarmTopic,
      ...(props.alarmThresholds ? { thresholds: props.alarmThresholds } : {}),
    });

    new CfnOutput(this, 'DashboardUrl', { description: 'The real-time dashboard', value: this.dashboard.url });
    new CfnOutput(this, 'DashboardSignInUrl', { description: 'Sign in here (a user of the dashboard user pool) to open the dashboard', value: this.dashboardApi.signInUrl });
    new CfnOutput(this, 'DashboardUserPoolId', { description: 'Create the dashboard users here (admin-create-user)', value: this.dashboardApi.users.userPool.userPoolId });
    new CfnOutput(this, 'DashboardApiUrl', { description: 'The dashboard API, also at /api on the dashboard', value: this.dashboardApi.url });
    new CfnOutput(this, 'ReportsTableName', { description: 'The reports table', value: this.reportsTable.tableName });
    new CfnOutput(this, 'OnFailureQueueUrl', { description: 'Batches Lambda gave up on', value: this.onFailureQueue.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Subscribe here to the alarms', value: this.alarmTopic.topic.topicArn });
  }
}

/** The CDK's grants on a KMS-encrypted stream, queue or table add `kms:GenerateDataKey*` and `kms:ReEncrypt*`. */
function acknowledgeKmsGrantWildcards(fn: SnowlineFunction): void {
  Validations.of(fn.role).acknowledge(
    ...KMS_GRANT_WILDCARDS.map((finding) => ({
      id: `AwsSolutions-IAM5[${finding}]`,
      reason: "The CDK's grant methods on the KMS-encrypted table, bad-rows stream and on-failure queue; each statement names one key.",
    })),
  );
}
