/**
 * The operations stack: one CloudWatch dashboard for an environment, and the alarms no
 * capability stack has (throttles, bad-row rate), to an encrypted SNS topic.
 */
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { AlarmTopic } from './constructs/alarm-topic';
import { badRowRate, OperationsDashboard, type ObservedConsumer, type ObservedFunction } from './constructs/operations-dashboard';
import { checkInteger, invalid } from './prop-checks';

/** When the operations stack's own alarms go off. */
export interface OperationsAlarmThresholds {
  /** Throttled invocations of all the functions together in a period. Range ≥ 1. @default 1 */
  readonly throttles?: number;
  /** Bad rows per 100 lines read in a period. Range above 0, at most 100. @default 5 */
  readonly badRowRatePercent?: number;
  /** The period each alarm evaluates, once. Range 1 minute-1 day, whole minutes. @default Duration.minutes(5) */
  readonly period?: Duration;
}

/** Props of {@link OperationsStack}. */
export interface OperationsStackProps extends StackProps {
  /**
   * The stream consumers (the reporting stack's report function first: the bad-row rate divides
   * by the lines it reads), each with its on-failure queue and metric `service`.
   */
  readonly consumers: readonly ObservedConsumer[];
  /** Other functions (APIs, the archive transform) whose errors and throttles are graphed and alarmed. @default - none */
  readonly functions?: readonly ObservedFunction[];
  /**
   * The alarms the capability stacks already have (iterator age, errors and on-failure depth of
   * each consumer; inference latency, errors and degraded rate), shown on the dashboard; not
   * created again here.
   *
   * @default - none
   */
  readonly existingAlarms?: readonly cloudwatch.IAlarm[];
  /** @default - see OperationsAlarmThresholds */
  readonly alarmThresholds?: OperationsAlarmThresholds;
  /** The dashboard's name. @default the stack name */
  readonly dashboardName?: string;
  /** The inference endpoint, whose model latency per variant is graphed. @default - none */
  readonly endpoint?: { readonly endpointName: string; readonly variantNames: readonly string[] };
}

/**
 * Operations across the capability stacks of one environment:
 * - `OperationsDashboard`: iterator age, errors, throttles, bad-row rate, on-failure destination
 *   depth, events in and writes, feature writes, inference latency and degraded predictions, and
 *   the state of every alarm of the environment;
 * - a throttles alarm (the `Throttles` sum of every function) and a bad-row-rate alarm
 *   (`BadRows` per 100 `EventsIn`, the handlers' embedded metrics), to its `AlarmTopic`.
 *
 * It shares nothing with other stacks but its explicit props.
 *
 * @example
 * ```ts
 * new OperationsStack(app, 'Snowline-dev-Operations', {
 *   env,
 *   consumers: [{ name: 'reports', function: reporting.reportFunction.function, onFailureQueue: reporting.onFailureQueue.queue, service: 'snowline-reports' }],
 *   existingAlarms: [reporting.reportAlarms.iteratorAge],
 * });
 * ```
 */
export class OperationsStack extends Stack {
  readonly dashboard: OperationsDashboard;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: { readonly throttles: cloudwatch.Alarm; readonly badRowRate: cloudwatch.Alarm };

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, { description: 'Snowline: the operations dashboard and the throttles and bad-row-rate alarms', ...props });
    Validations.of(this).acknowledge({
      id: 'Annotation::@aws-cdk/core:crossStackReferencesDefaultStrong',
      reason: 'Strong references on purpose: a capability stack cannot remove a function, queue or alarm this dashboard shows.',
    });
    if (props.consumers.length === 0) throw invalid(this, 'consumers', [], 'at least one stream consumer (the report function first)');
    const thresholds = { throttles: 1, badRowRatePercent: 5, period: Duration.minutes(5), ...props.alarmThresholds };
    checkInteger(this, 'alarmThresholds.throttles', thresholds.throttles, { min: 1 });
    const rate = thresholds.badRowRatePercent;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 100) {
      throw invalid(this, 'alarmThresholds.badRowRatePercent', rate, 'a number above 0 and at most 100 (percent of lines)');
    }
    if (!thresholds.period.isUnresolved()) {
      checkInteger(this, 'alarmThresholds.period', thresholds.period.toMinutes({ integral: false }), { min: 1, max: 1440, unit: 'minutes' });
    }
    const period = thresholds.period;
    const functions = [...props.consumers, ...(props.functions ?? [])];

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { displayName: 'Snowline operations alarms' });
    const alarm = (alarmId: string, description: string, metric: cloudwatch.IMetric, threshold: number) => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.alarmTopic.notify(created);
      return created;
    };
    this.alarms = {
      throttles: alarm(
        'ThrottlesAlarm',
        `Lambda throttled the Snowline functions ${thresholds.throttles} or more times in ${period.toHumanString()} (concurrency limit reached)`,
        new cloudwatch.MathExpression({
          expression: functions.map((_, i) => `t${i}`).join(' + '),
          usingMetrics: Object.fromEntries(functions.map((f, i) => [`t${i}`, f.function.metric('Throttles', { statistic: cloudwatch.Stats.SUM, period })])),
          label: 'throttles',
          period,
        }),
        thresholds.throttles,
      ),
      badRowRate: alarm(
        'BadRowRateAlarm',
        `${rate}% or more of the enriched lines were bad rows in ${period.toHumanString()}: see the bad-rows stream for the reasons`,
        badRowRate(props.consumers, period),
        rate,
      ),
    };
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? this.stackName,
      consumers: props.consumers,
      functions: props.functions ?? [],
      alarms: [...(props.existingAlarms ?? []), this.alarms.throttles, this.alarms.badRowRate],
      period,
      ...(props.endpoint ? { endpoint: props.endpoint } : {}),
    });

    new CfnOutput(this, 'DashboardName', { description: 'The CloudWatch operations dashboard', value: this.dashboard.dashboard.dashboardName });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Subscribe here to the throttles and bad-row-rate alarms', value: this.alarmTopic.topic.topicArn });
  }
}
