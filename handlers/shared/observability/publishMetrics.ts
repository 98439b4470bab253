import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { API_METRICS, BATCH_METRICS } from './constants';

/** One stream invocation's figures, see {@link BATCH_METRICS}. */
export interface BatchFigures {
  readonly eventsIn: number;
  readonly badRows: number;
  readonly writes: number;
  readonly retries: number;
  /** The largest iterator age of the invocation's shards, ms; `null` when it has none (e.g. Firehose). */
  readonly lagMs: number | null;
  readonly latencyMs: number;
}

/**
 * Publishes a stream invocation's figures as one embedded-metric-format line (stdout, which
 * CloudWatch Logs turns into metrics). With `metrics` `null`, does nothing.
 *
 * @example
 * ```ts
 * publishBatchMetrics(metrics, { eventsIn: 500, badRows: 2, writes: 120, retries: 0, lagMs: 830, latencyMs: 41 });
 * ```
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export function publishBatchMetrics(metrics: Metrics | null, figures: BatchFigures): void {
  if (metrics === null) return;
  metrics.addMetric(BATCH_METRICS.eventsIn, MetricUnit.Count, figures.eventsIn);
  metrics.addMetric(BATCH_METRICS.badRows, MetricUnit.Count, figures.badRows);
  metrics.addMetric(BATCH_METRICS.writes, MetricUnit.Count, figures.writes);
  metrics.addMetric(BATCH_METRICS.retries, MetricUnit.Count, figures.retries);
  if (figures.lagMs !== null) metrics.addMetric(BATCH_METRICS.lag, MetricUnit.Milliseconds, figures.lagMs);
  metrics.addMetric(BATCH_METRICS.latency, MetricUnit.Milliseconds, figures.latencyMs);
  metrics.publishStoredMetrics();
}

/** Publishes one API request's figures (see {@link API_METRICS}). With `metrics` `null`, does nothing. */
export function publishRequestMetrics(metrics: Metrics | null, statusCode: number, latencyMs: number): void {
  if (metrics === null) return;
  metrics.addMetric(API_METRICS.requests, MetricUnit.Count, 1);
  metrics.addMetric(API_METRICS.clientErrors, MetricUnit.Count, statusCode >= 400 && statusCode < 500 ? 1 : 0);
  metrics.addMetric(API_METRICS.serverErrors, MetricUnit.Count, statusCode >= 500 ? 1 : 0);
  metrics.addMetric(API_METRICS.latency, MetricUnit.Milliseconds, latencyMs);
  metrics.publishStoredMetrics();
}
