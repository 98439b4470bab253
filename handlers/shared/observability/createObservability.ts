import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS_NAMESPACE, type ObservedService } from './constants';

/** A handler's logs, metrics and traces (Powertools). */
export interface Observability {
  /** Structured JSON logs, `service` set. */
  readonly logger: Logger;
  /** Embedded-metric-format metrics in {@link METRICS_NAMESPACE}, dimension `service`; `null`: none published. */
  readonly metrics: Metrics | null;
  /** X-Ray traces; disabled outside Lambda (Powertools turns itself off there). */
  readonly tracer: Tracer;
}

/** Options of {@link createObservability}. */
export interface ObservabilityOptions {
  /** The logger to use instead of a new one (e.g. one at `WARN` locally). @default new Logger({ serviceName }) */
  readonly logger?: Logger;
  /**
   * The metrics to publish to, or `null` for none: `snowline up` passes `null`, so a terminal is
   * not flooded with one EMF line per batch.
   *
   * @default new Metrics({ namespace: METRICS_NAMESPACE, serviceName })
   */
  readonly metrics?: Metrics | null;
}

/**
 * The logger, metrics and tracer of one handler, all named after its service: the one way
 * Snowline handlers observe themselves.
 *
 * @example
 * ```ts
 * const { logger, metrics, tracer } = createObservability(OBSERVED_SERVICES.reports);
 * const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
 * ```
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/core/metrics/
 */
export function createObservability(serviceName: ObservedService, options: ObservabilityOptions = {}): Observability {
  return {
    logger: options.logger ?? new Logger({ serviceName }),
    metrics: options.metrics === undefined ? new Metrics({ namespace: METRICS_NAMESPACE, serviceName }) : options.metrics,
    tracer: new Tracer({ serviceName }),
  };
}
