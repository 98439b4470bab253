/**
 * The features stack: the SageMaker Feature Store feature groups (online and offline stores), the
 * feature Lambda consuming the enriched stream into them, its state table, and their alarms.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CfnElement, CfnOutput, Duration, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { FeatureGroupDeclaration } from '../schemas/feature-group-declaration';
import { FEATURE_GROUPS } from '../schemas/feature-groups';
import { DEFAULT_EVENT_SOURCE, type EventSourceSettings, FEATURE_STATE_TABLE, type TableDefinition } from './config';
import { AlarmTopic } from './constructs/alarm-topic';
import { checkConsumerAlarmThresholds, ConsumerAlarms, type ConsumerAlarmThresholds } from './constructs/consumer-alarms';
import { EnrichedStreamConsumer } from './constructs/enriched-stream-consumer';
import { checkFeatureGroupDeclarations } from './constructs/feature-group-checks';
import { checkEventSourceSettings } from './constructs/kinesis-event-source-props';
import { LogFieldAlarm } from './constructs/log-field-alarm';
import { FEATURE_STORE_GLUE_DATABASE, OfflineFeatureStore } from './constructs/offline-feature-store';
import { OnFailureQueue } from './constructs/on-failure-queue';
import { checkExistingPath } from './constructs/path-checks';
import { SnowlineFeatureGroup } from './constructs/snowline-feature-group';
import { SnowlineFunction } from './constructs/snowline-function';
import { SnowlineTable } from './constructs/snowline-table';
import { checkTableDefinition } from './constructs/table-definition-checks';
import { checkInteger } from './prop-checks';

/** Where the stack finds its code by default, from the repository root. */
export const FEATURES_DEFAULT_PATHS = {
  featuresHandlerEntry: fileURLToPath(new URL('../handlers/features.ts', import.meta.url)),
} as const;

/** The environment variables the stack gives the feature function, by what they hold. */
export const FEATURES_ENVIRONMENT = {
  /** The state table's name. */
  stateTable: 'FEATURE_STATE_TABLE',
  /** The bad-rows stream's name. */
  badRowsStream: 'BAD_ROWS_STREAM',
} as const;

/**
 * The JSON log field the feature handler writes with the number of records PutRecord failed on in
 * an invocation; a metric filter sums it for the failed-writes alarm.
 */
export const FAILED_PUT_RECORDS_LOG_FIELD = 'failedPutRecords';

/** The metric (namespace `Snowline`) the metric filter publishes. */
export const FAILED_PUT_RECORDS_METRIC = 'FeatureFailedPutRecords';

/**
 * The environment variable holding a feature group's name: `FEATURE_GROUP_` and the name in upper
 * case with `-` as `_`.
 *
 * @example
 * ```ts
 * featureGroupVariable('user_activity'); // 'FEATURE_GROUP_USER_ACTIVITY'
 * ```
 */
export function featureGroupVariable(groupName: string): string {
  return `FEATURE_GROUP_${groupName.toUpperCase().replaceAll('-', '_')}`;
}

/** The KMS actions with a wildcard that the CDK's stream, queue and table grants write. */
const KMS_GRANT_WILDCARDS = ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'] as const;

/** When the feature function's alarms go off. */
export interface FeatureAlarmThresholds extends ConsumerAlarmThresholds {
  /**
   * Alarm when the records PutRecord failed on (the `failedPutRecords` log field, summed over
   * `period`) reach this many. Range >= 1.
   *
   * @default 1
   */
  readonly failedPutRecords?: number;
}

/** Props of {@link FeaturesStack}. */
export interface FeaturesStackProps extends StackProps {
  /** The enriched event stream the feature function consumes: the stream stack's `enrichedStream`. */
  readonly enrichedStream: kinesis.IStream;
  /** The stream the feature function writes bad rows to: the stream stack's `badRowsStream`. */
  readonly badRowsStream: kinesis.IStream;
  /**
   * The customer-managed key of the app's data: the stream stack's `encryptionKey`. It encrypts the
   * online stores, the offline-store bucket, the state table and the on-failure queue. (The alarm
   * topic has its own key, whose policy lets CloudWatch publish.)
   */
  readonly encryptionKey: kms.IKey;
  /**
   * The feature groups, each with the rules of `FeatureGroupDeclarationSchema`; names distinct.
   *
   * @default FEATURE_GROUPS (schemas/feature-groups.ts)
   */
  readonly featureGroups?: readonly FeatureGroupDeclaration[];
  /**
   * The feature function's state table. Names are 3-255 of `[a-zA-Z0-9_.-]`; key types `S`, `N`
   * or `B`.
   *
   * @default FEATURE_STATE_TABLE (stacks/config.ts)
   */
  readonly stateTable?: TableDefinition;
  /**
   * The event source mapping of the feature function, the same object the local runner reads.
   * Ranges: `batchSize` 1-10000, `maximumBatchingWindowInSeconds` 0-300,
   * `maximumRetryAttempts` -1 or 0-10000, `maximumRecordAgeInSeconds` -1 or 60-604800.
   *
   * @default DEFAULT_EVENT_SOURCE (stacks/config.ts)
   */
  readonly settings?: EventSourceSettings;
  /**
   * When the feature function's alarms go off: iterator age, errors, failed PutRecords, and the
   * period evaluated. The on-failure queue alarms on any message.
   *
   * @default - { maxIteratorAge: Duration.minutes(1), errors: 1, failedPutRecords: 1, period: Duration.minutes(5) }
   */
  readonly alarmThresholds?: FeatureAlarmThresholds;
  /**
   * The feature handler's module (exporting `handler`); it must exist at synth.
   *
   * @default FEATURES_DEFAULT_PATHS.featuresHandlerEntry (handlers/features.ts)
   */
  readonly featuresHandlerEntry?: string;
}

/**
 * Per-user and per-product features on AWS:
 * - one SageMaker feature group per declaration (`SnowlineFeatureGroup`): online store encrypted
 *   with the stream stack's key and the declared TTL, offline store in an `OfflineFeatureStore`
 *   bucket where Feature Store creates the Glue tables;
 * - the state table (`SnowlineTable`: on-demand, PITR, the key, the definition's TTL);
 * - the feature function, consuming the enriched stream through `EnrichedStreamConsumer` with the
 *   settings object and an `OnFailureQueue`, allowed PutRecord on the groups only;
 * - alarms on iterator age, errors, the on-failure queue and failed PutRecords, to an encrypted
 *   SNS topic.
 *
 * It shares nothing with other stacks but its explicit props.
 *
 * @example
 * ```ts
 * const streams = new StreamStack(app, 'Snowline-dev-Stream', { env });
 * new FeaturesStack(app, 'Snowline-dev-Features', {
 *   env,
 *   enrichedStream: streams.enrichedStream,
 *   badRowsStream: streams.badRowsStream,
 *   encryptionKey: streams.encryptionKey,
 * });
 * ```
 */
export class FeaturesStack extends Stack {
  /** The bucket and role of the offline stores. */
  readonly offlineStore: OfflineFeatureStore;
  /** The feature groups, in declaration order. */
  readonly featureGroups: readonly SnowlineFeatureGroup[];
  /** The feature function's state table. */
  readonly stateTable: SnowlineTable;
  /** The function that computes features from enriched events and puts them into the groups. */
  readonly featureFunction: SnowlineFunction;
  /** Its event source mapping on the enriched stream. */
  readonly featureConsumer: EnrichedStreamConsumer;
  /** Where Lambda reports the batches of the feature function it gives up on. */
  readonly onFailureQueue: OnFailureQueue;
  /** The topic every alarm of this stack notifies. */
  readonly alarmTopic: AlarmTopic;
  /** The feature function's iterator age, errors and on-failure alarms. */
  readonly featureAlarms: ConsumerAlarms;
  /** The alarm on failed PutRecords, from the function's JSON logs. */
  readonly failedPutRecordsAlarm: LogFieldAlarm;

  constructor(scope: Construct, id: string, props: FeaturesStackProps) {
    super(scope, id, {
      description: 'Snowline: SageMaker Feature Store groups, the feature Lambda on the enriched stream, and alarms',
      ...props,
    });
    Validations.of(this).acknowledge({
      id: 'Annotation::@aws-cdk/core:crossStackReferencesDefaultStrong',
      reason: 'Strong (export/import) references on purpose: the stream stack cannot remove a stream or key this stack reads.',
    });
    const declarations = props.featureGroups ?? FEATURE_GROUPS;
    checkFeatureGroupDeclarations(this, 'featureGroups', declarations);
    const stateTable = props.stateTable ?? FEATURE_STATE_TABLE;
    checkTableDefinition(this, 'stateTable', stateTable);
    const settings = props.settings ?? DEFAULT_EVENT_SOURCE;
    checkEventSourceSettings(this, 'settings', settings);
    const { failedPutRecords = 1, ...consumerThresholds } = props.alarmThresholds ?? {};
    checkConsumerAlarmThresholds(this, 'alarmThresholds', consumerThresholds);
    checkInteger(this, 'alarmThresholds.failedPutRecords', failedPutRecords, { min: 1 });
    const entry = props.featuresHandlerEntry ?? FEATURES_DEFAULT_PATHS.featuresHandlerEntry;
    checkExistingPath(this, 'featuresHandlerEntry', entry, 'file');
    const key = props.encryptionKey;

    this.offlineStore = new OfflineFeatureStore(this, 'OfflineStore', { encryptionKey: key });
    this.acknowledgeOfflineStoreRole();
    this.featureGroups = declarations.map(
      (declaration) =>
        new SnowlineFeatureGroup(this, constructId(declaration.name), {
          declaration,
          encryptionKey: key,
          offlineStore: this.offlineStore,
        }),
    );
    this.stateTable = new SnowlineTable(this, 'StateTable', { definition: stateTable, encryptionKey: key });

    this.featureFunction = new SnowlineFunction(this, 'FeatureFunction', {
      entry,
      serviceName: 'features',
      description: 'Snowline: computes per-user and per-product features from enriched events into Feature Store',
      memorySize: 1024,
      timeout: Duration.minutes(1),
      environment: {
        [FEATURES_ENVIRONMENT.stateTable]: this.stateTable.tableName,
        [FEATURES_ENVIRONMENT.badRowsStream]: props.badRowsStream.streamName,
        ...Object.fromEntries(this.featureGroups.map((group) => [featureGroupVariable(group.featureGroupName), group.featureGroupName])),
      },
    });
    for (const group of this.featureGroups) {
      group.grantPutRecord(this.featureFunction);
      // The mapping starts once the groups exist, so no first batch fails on a missing group.
      this.featureFunction.node.addDependency(group);
    }
    this.stateTable.grantReadWriteData(this.featureFunction);
    props.badRowsStream.grantWrite(this.featureFunction);
    this.onFailureQueue = new OnFailureQueue(this, 'FeatureFailures', { encryptionKey: key });
    this.featureConsumer = new EnrichedStreamConsumer(this, 'FeatureConsumer', {
      handler: this.featureFunction.function,
      stream: props.enrichedStream,
      settings,
      onFailure: this.onFailureQueue,
    });
    Validations.of(this.featureFunction.role).acknowledge(
      ...KMS_GRANT_WILDCARDS.map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: "The CDK's grant methods on the KMS-encrypted table, bad-rows stream and on-failure queue; each statement names one key.",
      })),
    );

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { displayName: 'Snowline feature alarms' });
    this.featureAlarms = new ConsumerAlarms(this, 'FeatureAlarms', {
      function: this.featureFunction.function,
      onFailureQueue: this.onFailureQueue.queue,
      alarmTopic: this.alarmTopic,
      thresholds: consumerThresholds,
    });
    this.failedPutRecordsAlarm = new LogFieldAlarm(this, 'FailedPutRecords', {
      logGroup: this.featureFunction.logGroup,
      field: FAILED_PUT_RECORDS_LOG_FIELD,
      metricName: FAILED_PUT_RECORDS_METRIC,
      description: `${this.featureFunction.node.path} failed to put ${failedPutRecords} or more feature records`,
      alarmTopic: this.alarmTopic,
      threshold: failedPutRecords,
      ...(consumerThresholds.period ? { period: consumerThresholds.period } : {}),
    });

    new CfnOutput(this, 'OfflineStoreBucketName', { description: 'The offline feature store', value: this.offlineStore.bucket.bucketName });
    new CfnOutput(this, 'StateTableName', { description: 'The feature function state', value: this.stateTable.tableName });
    new CfnOutput(this, 'OnFailureQueueUrl', { description: 'Batches Lambda gave up on', value: this.onFailureQueue.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Subscribe here to the alarms', value: this.alarmTopic.topic.topicArn });
  }

  /** The offline store role's grants name the objects under its prefix and the Glue tables Feature Store names. */
  private acknowledgeOfflineStoreRole(): void {
    const bucketId = this.getLogicalId(this.offlineStore.bucket.node.defaultChild as CfnElement);
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    Validations.of(this.offlineStore.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${this.offlineStore.prefix}/*]`,
        reason: 'Feature Store writes one file per record batch under the offline-store prefix; the object names are its own.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:glue:${region}:${account}:table/${FEATURE_STORE_GLUE_DATABASE}/*]`,
        reason: 'Feature Store names each group\'s Glue table itself (group name and creation time) in sagemaker_featurestore.',
      },
    );
  }
}

/** `user_activity` → `UserActivity`: the construct id of a group. */
function constructId(groupName: string): string {
  return groupName
    .split(/[-_]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
