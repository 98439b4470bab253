import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  answerPredict,
  answerPredictBatch,
  createCounters,
  LruFeatureCache,
  PREDICT_HEADERS,
  PREDICT_ROUTES,
  type FeatureCache,
  type InferenceCounters,
  type ModelEndpoint,
  type OnlineFeatureReader,
  type PredictAnswer,
  type PredictOptions,
} from '../lib/inference';
import type { PredictBatchResponse, PredictResponse } from '../schemas/predict';
import { FeatureStoreOnlineReader, RedisFeatureCache, SageMakerModelEndpoint } from '../stores/inference';
import { featureGroupNamesFromEnv } from './features';
import { readNumberEnv } from './shared';
import { createObservability, OBSERVED_SERVICES, traceInvocation } from './shared/observability';
import { SDK_CLIENT_DEFAULTS } from './shared/sdkClientDefaults';

/** What {@link createInferenceHandler} needs. */
export interface InferenceHandlerOptions extends PredictOptions {
  readonly reader: OnlineFeatureReader;
  readonly endpoint: ModelEndpoint;
  /** The feature cache. @default - none */
  readonly cache?: FeatureCache;
  /** Counters the answers add to (the local health and the benchmark read them). @default - fresh counters */
  readonly counters?: InferenceCounters;
  /** Called with every answer and its cache lookups, e.g. to publish metrics. @default - nothing */
  readonly onAnswer?: (answer: PredictAnswer, cache: { readonly hits: number; readonly misses: number }) => void;
}

/** A handler of the inference API: an HTTP API (payload format 2.0) event in, a JSON response out. */
export type InferenceHandler = ((event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>) & {
  /** The counters since start. */
  readonly counters: InferenceCounters;
};

/** The route keys the handler answers, as API Gateway puts them in `event.routeKey`. */
export const INFERENCE_ROUTE_KEYS = {
  predict: `${PREDICT_ROUTES.predict.method} ${PREDICT_ROUTES.predict.path}`,
  batch: `${PREDICT_ROUTES.batch.method} ${PREDICT_ROUTES.batch.path}`,
} as const;

/**
 * The inference API, one Lambda behind `POST /predict` and `POST /predict/batch`: parses the
 * body, calls {@link answerPredict}, answers JSON (400 naming every problem; 200 with a score;
 * 503 with `score: null` and the reasons when the model gave none).
 *
 * @example
 * ```ts
 * const handler = createInferenceHandler({ reader: new FeatureStoreOnlineReader({ featureStore }), endpoint: new SageMakerModelEndpoint({ sagemaker }) });
 * ```
 */
export function createInferenceHandler(options: InferenceHandlerOptions): InferenceHandler {
  const counters = options.counters ?? createCounters();
  const deps = { reader: options.reader, endpoint: options.endpoint, counters, ...(options.cache === undefined ? {} : { cache: options.cache }) };
  const handle = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const request = { body: event.body, isBase64Encoded: event.isBase64Encoded };
    const before = { hits: counters.cacheHits, misses: counters.cacheMisses };
    let answer: PredictAnswer;
    if (event.routeKey === INFERENCE_ROUTE_KEYS.predict) answer = await answerPredict(request, deps, options);
    else if (event.routeKey === INFERENCE_ROUTE_KEYS.batch) answer = await answerPredictBatch(request, deps, options);
    else answer = { statusCode: 404, body: { message: 'Not Found' } };
    options.onAnswer?.(answer, { hits: counters.cacheHits - before.hits, misses: counters.cacheMisses - before.misses });
    return { statusCode: answer.statusCode, headers: { ...PREDICT_HEADERS }, body: JSON.stringify(answer.body) };
  };
  return Object.assign(handle, { counters });
}

/** The predictions of an answer (none for a 400 or 404). */
export function predictionsOf(answer: PredictAnswer): readonly PredictResponse[] {
  if ('predictions' in answer.body) return (answer.body as PredictBatchResponse).predictions;
  if ('domain_userid' in answer.body) return [answer.body as PredictResponse];
  return [];
}

const observability = createObservability(OBSERVED_SERVICES.inference);
const { logger, tracer } = observability;
const metrics = observability.metrics!;

/**
 * Publishes an answer's metrics as CloudWatch embedded metrics (namespace `Snowline`, dimension
 * `service=snowline-inference`): `Predictions`, `DegradedPredictions`, `UnscoredPredictions`,
 * `BadRequests`, `PredictLatency` (ms), which the inference stack's alarms watch, and
 * `FeatureCacheHits`/`FeatureCacheMisses` (the hit rate); a degraded answer is also logged with
 * its reasons.
 */
export function publishAnswerMetrics(answer: PredictAnswer, cache: { readonly hits: number; readonly misses: number } = { hits: 0, misses: 0 }): void {
  const predictions = predictionsOf(answer);
  if (answer.statusCode === 400) metrics.addMetric('BadRequests', MetricUnit.Count, 1);
  if (predictions.length > 0) {
    const degraded = predictions.filter((p) => p.degraded);
    metrics.addMetric('Predictions', MetricUnit.Count, predictions.length);
    metrics.addMetric('DegradedPredictions', MetricUnit.Count, degraded.length);
    metrics.addMetric('UnscoredPredictions', MetricUnit.Count, predictions.filter((p) => p.score === null).length);
    metrics.addMetric('PredictLatency', MetricUnit.Milliseconds, predictions[0]!.latency_ms);
    metrics.addMetric('FeatureCacheHits', MetricUnit.Count, cache.hits);
    metrics.addMetric('FeatureCacheMisses', MetricUnit.Count, cache.misses);
    if (degraded.length > 0) logger.warn('degraded answer', { predictions: predictions.length, reasons: degraded[0]!.degraded_reasons });
  }
  metrics.publishStoredMetrics();
}

let deployed: InferenceHandler | undefined;

/**
 * The Lambda entry point. Reads `ENDPOINT_NAME` (default `snowline-propensity`), `MODEL_VERSION`
 * and `MODEL_VERSIONS` (JSON, by production variant), `FEATURE_GROUP_<NAME>`,
 * `PREDICT_DEADLINE_MS` (default 250), `FEATURE_STORE_TIMEOUT_MS` (default 100),
 * `FEATURE_CACHE_TTL_MS` (default 2,000) and `FEATURE_CACHE_REDIS_URL` (the ElastiCache
 * endpoint; default none: the in-process cache). Its logs, metrics and X-Ray traces (the SDK
 * clients captured) come from `handlers/shared/observability`.
 */
export const handler = (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  if (deployed === undefined) {
    const ttlMs = readNumberEnv('FEATURE_CACHE_TTL_MS');
    const redisUrl = process.env.FEATURE_CACHE_REDIS_URL;
    const modelVersions = process.env.MODEL_VERSIONS ? (JSON.parse(process.env.MODEL_VERSIONS) as Record<string, string>) : undefined;
    deployed = createInferenceHandler({
      reader: new FeatureStoreOnlineReader({ featureStore: tracer.captureAWSv3Client(new SageMakerFeatureStoreRuntimeClient({ ...SDK_CLIENT_DEFAULTS, maxAttempts: 2 })), groupNames: featureGroupNamesFromEnv() }),
      endpoint: new SageMakerModelEndpoint({
        sagemaker: tracer.captureAWSv3Client(new SageMakerRuntimeClient({ ...SDK_CLIENT_DEFAULTS, maxAttempts: 2 })),
        endpointName: process.env.ENDPOINT_NAME || undefined,
        ...(modelVersions === undefined ? {} : { modelVersions }),
        ...(process.env.MODEL_VERSION ? { defaultModelVersion: process.env.MODEL_VERSION } : {}),
      }),
      cache: redisUrl ? new RedisFeatureCache({ url: redisUrl, ...(ttlMs === undefined ? {} : { ttlMs }) }) : new LruFeatureCache(ttlMs === undefined ? {} : { ttlMs }),
      ...deadlinesFromEnv(),
      onAnswer: publishAnswerMetrics,
    });
  }
  const run = deployed;
  return traceInvocation(tracer, () => run(event));
};

/** Where the local stack's inference handler finds the services. */
export interface LocalInferenceOptions {
  /** The Feature Store runtime's endpoint. */
  readonly featurestore: string;
  /** The SageMaker runtime's endpoint. */
  readonly sagemaker: string;
  readonly region: string;
  /** The version the local model server serves (`snowline up` loads it). */
  readonly modelVersion: string;
  /** A Redis URL for the shared cache. @default - the in-process cache */
  readonly redisUrl?: string;
}

/**
 * The inference handler of `snowline up`: the same handler, its clients pointed at the local
 * services, its deadlines from the same variables as the Lambda's (`PREDICT_DEADLINE_MS`,
 * `FEATURE_STORE_TIMEOUT_MS`, `FEATURE_CACHE_TTL_MS`).
 */
export function createLocalInferenceHandler(options: LocalInferenceOptions): InferenceHandler {
  const ttlMs = readNumberEnv('FEATURE_CACHE_TTL_MS');
  return createInferenceHandler({
    reader: new FeatureStoreOnlineReader({ featureStore: { endpoint: options.featurestore, region: options.region } }),
    endpoint: new SageMakerModelEndpoint({ sagemaker: { endpoint: options.sagemaker, region: options.region }, defaultModelVersion: options.modelVersion }),
    cache: options.redisUrl === undefined ? new LruFeatureCache(ttlMs === undefined ? {} : { ttlMs }) : new RedisFeatureCache({ url: options.redisUrl, ...(ttlMs === undefined ? {} : { ttlMs }) }),
    ...deadlinesFromEnv(),
  });
}

/** `PREDICT_DEADLINE_MS` and `FEATURE_STORE_TIMEOUT_MS`, where set. */
function deadlinesFromEnv(): Pick<PredictOptions, 'deadlineMs' | 'featureStoreTimeoutMs'> {
  const deadlineMs = readNumberEnv('PREDICT_DEADLINE_MS');
  const featureStoreTimeoutMs = readNumberEnv('FEATURE_STORE_TIMEOUT_MS');
  return { ...(deadlineMs === undefined ? {} : { deadlineMs }), ...(featureStoreTimeoutMs === undefined ? {} : { featureStoreTimeoutMs }) };
}
