import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS_NAMESPACE, type ObservedService } from './constants';

/** What the handlers use of a tracer: patching SDK clients, and {@link traceInvocation}'s segment calls. */
export type HandlerTracer = Pick<
  Tracer,
  'isTracingEnabled' | 'captureAWSv3Client' | 'getSegment' | 'setSegment' | 'annotateColdStart' | 'addServiceNameAnnotation' | 'addErrorAsMetadata'
>;

/**
 * Powertools' Tracer, loaded only inside Lambda (`AWS_EXECUTION_ENV`), where it traces: importing
 * it loads the X-Ray SDK, whose cls-hooked enables an async hook over every promise of the
 * process, which cost the local consumers about 30 % of their CPU (`snowline up`, the
 * benchmarks) while tracing nothing there.
 */
const LambdaTracer = process.env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_') === true ? (await import('@aws-lambda-powertools/tracer')).Tracer : undefined;

/** The tracer outside Lambda: tracing off, clients returned as they are. */
const DISABLED_TRACER: HandlerTracer = {
  isTracingEnabled: () => false,
  captureAWSv3Client: (client) => client,
  getSegment: () => undefined,
  setSegment: () => undefined,
  annotateColdStart: () => undefined,
  addServiceNameAnnotation: () => undefined,
  addErrorAsMetadata: () => undefined,
};

/** A handler's logs, metrics and traces (Powertools). */
export interface Observability {
  /** Structured JSON logs, `service` set. */
  readonly logger: Logger;
  /** Embedded-metric-format metrics in {@link METRICS_NAMESPACE}, dimension `service`; `null`: none published. */
  readonly metrics: Metrics | null;
  /** X-Ray traces (Powertools' Tracer) inside Lambda; outside it a tracer that traces nothing and loads no X-Ray SDK. */
  readonly tracer: HandlerTracer;
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
    tracer: LambdaTracer === undefined ? DISABLED_TRACER : new LambdaTracer({ serviceName }),
  };
}
