export { API_METRICS, BATCH_METRICS, METRICS_NAMESPACE, OBSERVED_SERVICES, type ObservedService } from './constants';
export { createObservability, type HandlerTracer, type Observability, type ObservabilityOptions } from './createObservability';
export { kinesisBatchContext, shardOfRecord, type KinesisBatchContext } from './kinesisBatchContext';
export { publishBatchMetrics, publishRequestMetrics, type BatchFigures } from './publishMetrics';
export { traceInvocation } from './traceInvocation';
