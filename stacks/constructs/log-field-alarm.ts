/**
 * An alarm on a number a function writes into its JSON log lines, counted by a metric filter.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { checkInteger, checkPattern } from '../prop-checks';
import type { AlarmTopic } from './alarm-topic';

/** The namespace of the metrics Snowline's metric filters publish. */
export const SNOWLINE_METRIC_NAMESPACE = 'Snowline';

/** A top-level JSON field name: a letter or `_`, then letters, digits and `_`. */
const FIELD = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A CloudWatch metric name: 1-255 of letters, digits and `._-`. */
const METRIC_NAME = /^[a-zA-Z0-9._-]{1,255}$/;

/** Props of {@link LogFieldAlarm}. */
export interface LogFieldAlarmProps {
  /** The log group the function writes its JSON lines to. */
  readonly logGroup: logs.ILogGroup;
  /** The top-level numeric JSON field to count, e.g. `failedPutRecords`. A letter or `_`, then `[a-zA-Z0-9_]`. */
  readonly field: string;
  /** The metric the filter publishes in the `Snowline` namespace. 1-255 of `[a-zA-Z0-9._-]`. */
  readonly metricName: string;
  /** What the alarm says when it goes off. */
  readonly description: string;
  /** Where the alarm notifies, on ALARM and on OK. */
  readonly alarmTopic: AlarmTopic;
  /**
   * Alarm when the field's sum over `period` reaches this. Range >= 1.
   *
   * @default 1
   */
  readonly threshold?: number;
  /**
   * The period the alarm evaluates, once. Range 1 minute-1 day, in whole minutes.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/**
 * A metric filter that adds up a numeric field of the JSON log lines where it is above 0, and an
 * alarm when the sum over a period reaches a threshold. Missing data (no such line) is not
 * breaching.
 *
 * @example
 * ```ts
 * new LogFieldAlarm(this, 'FailedWrites', {
 *   logGroup: fn.logGroup, field: 'failedPutRecords', metricName: 'FeatureFailedPutRecords',
 *   description: 'Feature records were not written', alarmTopic,
 * });
 * ```
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export class LogFieldAlarm extends Construct {
  /** The metric filter on the log group. */
  readonly metricFilter: logs.MetricFilter;
  /** The alarm on its metric. */
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: LogFieldAlarmProps) {
    super(scope, id);
    checkPattern(this, 'field', props.field, FIELD, 'a JSON field name of a letter or "_" then a-z, A-Z, 0-9 and "_"');
    checkPattern(this, 'metricName', props.metricName, METRIC_NAME, '1-255 characters of a-z, A-Z, 0-9, ".", "_" and "-"');
    const threshold = props.threshold ?? 1;
    checkInteger(this, 'threshold', threshold, { min: 1 });
    const period = props.period ?? Duration.minutes(5);
    if (!period.isUnresolved()) {
      checkInteger(this, 'period', period.toMinutes({ integral: false }), { min: 1, max: 1440, unit: 'minutes' });
    }

    this.metricFilter = props.logGroup.addMetricFilter('Filter', {
      filterPattern: logs.FilterPattern.numberValue(`$.${props.field}`, '>', 0),
      metricNamespace: SNOWLINE_METRIC_NAMESPACE,
      metricName: props.metricName,
      metricValue: `$.${props.field}`,
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: props.description,
      metric: this.metricFilter.metric({ statistic: cloudwatch.Stats.SUM, period }),
      threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    props.alarmTopic.notify(this.alarm);
  }
}
