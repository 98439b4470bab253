/**
 * The operations dashboard of one environment: the stream consumers' lag, errors, throttles, bad
 * rows and on-failure queues, the feature writes, and the inference latency and degraded answers.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BATCH_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES } from '../../handlers/shared/observability/constants';
import { checkPattern, invalid } from '../prop-checks';

/** A Lambda function on the dashboard, by a short name. */
export interface ObservedFunction {
  /** The name on the graphs, e.g. `reports`. 1-32 of `[a-zA-Z0-9_-]`. */
  readonly name: string;
  readonly function: lambda.IFunction;
}

/** A stream consumer on the dashboard: its function and its mapping's on-failure destination. */
export interface ObservedConsumer extends ObservedFunction {
  /** Where Lambda sends the batches it gives up on. */
  readonly onFailureQueue: sqs.IQueue;
  /** The `service` dimension of its embedded metrics, e.g. `snowline-reports` (OBSERVED_SERVICES). */
  readonly service: string;
}

/** Props of {@link OperationsDashboard}. */
export interface OperationsDashboardProps {
  /** The dashboard's name: 1-255 of `[a-zA-Z0-9_-]`. */
  readonly dashboardName: string;
  /** The stream consumers (at least one): lag, bad rows and on-failure depth per consumer. */
  readonly consumers: readonly ObservedConsumer[];
  /** Other functions whose errors and throttles are graphed beside the consumers'. @default - none */
  readonly functions?: readonly ObservedFunction[];
  /** The alarms shown in the status widget (ALARM, OK, insufficient data). @default - none */
  readonly alarms?: readonly cloudwatch.IAlarm[];
  /** The period of every graph. @default Duration.minutes(5) */
  readonly period?: Duration;
  /**
   * The SageMaker endpoint behind the inference API: its `ModelLatency` p99 per variant is graphed
   * beside the handler's answer latency.
   *
   * @default - the handler's latency only
   */
  readonly endpoint?: { readonly endpointName: string; readonly variantNames: readonly string[] };
}

const NAME = /^[a-zA-Z0-9_-]{1,32}$/;

/** An embedded metric of a Snowline handler. */
export function snowlineMetric(service: string, metricName: string, statistic: string, period: Duration): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service }, statistic, period, label: `${service} ${metricName}` });
}

/**
 * Bad rows per 100 lines read over the consumers' embedded metrics (`BadRows`, `EventsIn`):
 * the bad rows of every consumer over the lines of the first (the report consumer, which reads
 * every line, and sends what does not parse).
 */
export function badRowRate(consumers: readonly Pick<ObservedConsumer, 'service'>[], period: Duration): cloudwatch.MathExpression {
  if (consumers.length === 0) throw new RangeError('badRowRate: expected at least one consumer, got none');
  const bad = Object.fromEntries(consumers.map((c, i) => [`b${i}`, snowlineMetric(c.service, BATCH_METRICS.badRows, cloudwatch.Stats.SUM, period)]));
  return new cloudwatch.MathExpression({
    expression: `IF(e > 0, 100 * (${Object.keys(bad).join(' + ')}) / e, 0)`,
    usingMetrics: { ...bad, e: snowlineMetric(consumers[0]!.service, BATCH_METRICS.eventsIn, cloudwatch.Stats.SUM, period) },
    label: 'bad rows, % of lines',
    period,
  });
}

/**
 * A CloudWatch dashboard with a graph per question an operator asks: are the consumers behind
 * (Lambda's `IteratorAge` and the handlers' own `IteratorAgeMs`), failing (`Errors`), throttled
 * (`Throttles`), fed bad rows (rate, %), giving up on batches (on-failure queue depth); how many
 * feature records are written; how fast and how degraded the inference answers are; and the
 * state of the given alarms.
 *
 * @example
 * ```ts
 * new OperationsDashboard(this, 'Dashboard', {
 *   dashboardName: 'Snowline-dev',
 *   consumers: [{ name: 'reports', function: reportFn, onFailureQueue: queue, service: 'snowline-reports' }],
 * });
 * ```
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Dashboards.html
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    checkPattern(this, 'dashboardName', props.dashboardName, /^[a-zA-Z0-9_-]{1,255}$/, '1-255 characters of a-z, A-Z, 0-9, "_" and "-"');
    if (props.consumers.length === 0) throw invalid(this, 'consumers', [], 'at least one stream consumer');
    const all = [...props.consumers, ...(props.functions ?? [])];
    all.forEach((f, i) => checkPattern(this, `${i < props.consumers.length ? 'consumers' : 'functions'}[${i}].name`, f.name, NAME, '1-32 characters of a-z, A-Z, 0-9, "_" and "-"'));
    const period = props.period ?? Duration.minutes(5);
    const lambdaMetric = (f: ObservedFunction, metricName: string, statistic: string) => f.function.metric(metricName, { statistic, period, label: f.name });
    const graph = (title: string, left: cloudwatch.IMetric[], leftLabel?: string) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, ...(leftLabel ? { leftYAxis: { label: leftLabel, showUnits: false, min: 0 } } : {}) });
    const inference = OBSERVED_SERVICES.inference;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName, defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      graph('Iterator age (ms, max)', [
        ...props.consumers.map((c) => lambdaMetric(c, 'IteratorAge', cloudwatch.Stats.MAXIMUM)),
        ...props.consumers.map((c) => snowlineMetric(c.service, BATCH_METRICS.lag, cloudwatch.Stats.MAXIMUM, period)),
      ], 'ms'),
      graph('Errors', all.map((f) => lambdaMetric(f, 'Errors', cloudwatch.Stats.SUM))),
      graph('Throttles', all.map((f) => lambdaMetric(f, 'Throttles', cloudwatch.Stats.SUM))),
    );
    this.dashboard.addWidgets(
      graph('Bad-row rate (% of lines)', [badRowRate(props.consumers, period)], '%'),
      graph('On-failure destination depth', props.consumers.map((c) => c.onFailureQueue.metricApproximateNumberOfMessagesVisible({ statistic: cloudwatch.Stats.MAXIMUM, period, label: c.name }))),
      graph('Events in and writes', props.consumers.flatMap((c) => [
        snowlineMetric(c.service, BATCH_METRICS.eventsIn, cloudwatch.Stats.SUM, period),
        snowlineMetric(c.service, BATCH_METRICS.writes, cloudwatch.Stats.SUM, period),
      ])),
    );
    this.dashboard.addWidgets(
      graph('Feature writes (state entries and PutRecords)', [snowlineMetric(OBSERVED_SERVICES.features, BATCH_METRICS.writes, cloudwatch.Stats.SUM, period)]),
      graph('Inference latency (ms)', [
        snowlineMetric(inference, 'PredictLatency', 'p50', period),
        snowlineMetric(inference, 'PredictLatency', 'p99', period),
        // SageMaker reports ModelLatency in microseconds.
        ...(props.endpoint?.variantNames ?? []).map((variant, i) => new cloudwatch.MathExpression({
          expression: `m${i} / 1000`,
          usingMetrics: { [`m${i}`]: new cloudwatch.Metric({ namespace: 'AWS/SageMaker', metricName: 'ModelLatency', dimensionsMap: { EndpointName: props.endpoint!.endpointName, VariantName: variant }, statistic: 'p99', period }) },
          label: `endpoint ${variant} model p99`,
          period,
        })),
      ], 'ms'),
      graph('Predictions and degraded predictions', [
        snowlineMetric(inference, 'Predictions', cloudwatch.Stats.SUM, period),
        snowlineMetric(inference, 'DegradedPredictions', cloudwatch.Stats.SUM, period),
      ]),
    );
    if ((props.alarms ?? []).length > 0) {
      this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms!], width: 24, height: 4 }));
    }
  }
}
