/**
 * The CloudWatch alarms every stream consumer has: falling behind, failing, and giving up on
 * batches.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { checkInteger } from '../prop-checks';
import type { AlarmTopic } from './alarm-topic';

/** The longest record age Lambda reports: Kinesis's longest retention, 365 days, in seconds. */
const MAX_ITERATOR_AGE_SECONDS = 31_536_000;

/** The thresholds a consumer's alarms use where none is given. */
export const DEFAULT_THRESHOLDS = {
  maxIteratorAge: Duration.minutes(1),
  errors: 1,
  period: Duration.minutes(5),
} as const satisfies Required<ConsumerAlarmThresholds>;

/**
 * Throws {@link InvalidPropError} naming `${prop}.<field>` if a threshold is out of range.
 *
 * @param scope the construct the thresholds were passed to
 * @param prop the prop holding them, e.g. `alarmThresholds`
 */
export function checkConsumerAlarmThresholds(scope: IConstruct, prop: string, thresholds: ConsumerAlarmThresholds): void {
  const { maxIteratorAge, errors, period } = thresholds;
  if (maxIteratorAge !== undefined && !maxIteratorAge.isUnresolved()) {
    checkInteger(scope, `${prop}.maxIteratorAge`, maxIteratorAge.toSeconds({ integral: false }), {
      min: 1,
      max: MAX_ITERATOR_AGE_SECONDS,
      unit: 'seconds',
    });
  }
  if (errors !== undefined) checkInteger(scope, `${prop}.errors`, errors, { min: 1 });
  if (period !== undefined && !period.isUnresolved()) {
    checkInteger(scope, `${prop}.period`, period.toMinutes({ integral: false }), { min: 1, max: 1440, unit: 'minutes' });
  }
}

/** When a consumer's alarms go off. */
export interface ConsumerAlarmThresholds {
  /**
   * Alarm when the oldest record of a batch (the `IteratorAge` maximum over `period`) is older
   * than this: the consumer is falling behind the stream. Range 1 second-365 days.
   *
   * @default Duration.minutes(1)
   */
  readonly maxIteratorAge?: Duration;
  /**
   * Alarm when the function's errors (the `Errors` sum over `period`) reach this many. With
   * ReportBatchItemFailures a bad record is reported, not thrown, so any error is worth a look.
   * Range >= 1.
   *
   * @default 1
   */
  readonly errors?: number;
  /**
   * The period each alarm evaluates, once. Range 1 minute-1 day, in whole minutes.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/** Props of {@link ConsumerAlarms}. */
export interface ConsumerAlarmsProps {
  /** The function a Kinesis event source mapping invokes. */
  readonly function: lambda.IFunction;
  /** The mapping's on-failure destination; any message in it is a batch Lambda gave up on. */
  readonly onFailureQueue: sqs.IQueue;
  /** Where the alarms notify, on ALARM and on OK. */
  readonly alarmTopic: AlarmTopic;
  /**
   * When the alarms go off. Each field has its own default.
   *
   * @default - every threshold's default
   */
  readonly thresholds?: ConsumerAlarmThresholds;
}

/**
 * Three alarms on a stream consumer, all notifying an {@link AlarmTopic}:
 * - iterator age: the `IteratorAge` maximum is above `maxIteratorAge`;
 * - errors: the function's `Errors` sum reaches `errors`;
 * - on-failure: the on-failure queue's `ApproximateNumberOfMessagesVisible` is above 0.
 *
 * Missing data (no traffic) is not breaching.
 *
 * @example
 * ```ts
 * new ConsumerAlarms(this, 'ReportAlarms', {
 *   function: reports.function,
 *   onFailureQueue: failures.queue,
 *   alarmTopic,
 *   thresholds: { maxIteratorAge: Duration.minutes(5) },
 * });
 * ```
 * @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
 */
export class ConsumerAlarms extends Construct {
  /** The `IteratorAge` alarm. */
  readonly iteratorAge: cloudwatch.Alarm;
  /** The `Errors` alarm. */
  readonly errors: cloudwatch.Alarm;
  /** The on-failure queue depth alarm. */
  readonly onFailure: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ConsumerAlarmsProps) {
    super(scope, id);
    const thresholds = props.thresholds ?? {};
    checkConsumerAlarmThresholds(this, 'thresholds', thresholds);
    const maxIteratorAge = thresholds.maxIteratorAge ?? DEFAULT_THRESHOLDS.maxIteratorAge;
    const errors = thresholds.errors ?? DEFAULT_THRESHOLDS.errors;
    const period = thresholds.period ?? DEFAULT_THRESHOLDS.period;
    const fn = props.function;

    this.iteratorAge = new cloudwatch.Alarm(this, 'IteratorAge', {
      alarmDescription: `${fn.node.path} is falling behind its stream: records over ${maxIteratorAge.toHumanString()} old`,
      metric: fn.metric('IteratorAge', { statistic: cloudwatch.Stats.MAXIMUM, period }),
      threshold: maxIteratorAge.toMilliseconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmDescription: `${fn.node.path} failed ${errors} or more times in ${period.toHumanString()}`,
      metric: fn.metricErrors({ statistic: cloudwatch.Stats.SUM, period }),
      threshold: errors,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.onFailure = new cloudwatch.Alarm(this, 'OnFailure', {
      alarmDescription: `Lambda gave up on a batch of ${fn.node.path}: see the on-failure queue for the shard and sequence numbers`,
      metric: props.onFailureQueue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    for (const alarm of [this.iteratorAge, this.errors, this.onFailure]) props.alarmTopic.notify(alarm);
  }
}
