import { readRecord } from '../model/readRecord';
import { toFeatureVector } from '../model/toFeatureVector';
import type { FeatureRecords, OnlineRecordInput } from '../model/types';
import type { DegradedReason, PredictRequest, PredictResponse } from '../../schemas/predict';
import { DEFAULT_CACHE_TIMEOUT_MS, DEFAULT_DEADLINE_MS, DEFAULT_FEATURE_STORE_TIMEOUT_MS } from './constants';
import { DependencyTimeoutError, InvalidEndpointAnswerError } from './errors';
import { recordKeyOf } from './recordKey';
import type { CachedRecord, FeatureCache, InferenceCounters, ModelEndpoint, OnlineFeatureReader, RecordKey } from './types';
import { withTimeout } from './withTimeout';
import { MODEL_GROUPS } from '../model/modelFeatures';

const USER_GROUP = MODEL_GROUPS[0]!.group.name;
const PRODUCT_GROUP = MODEL_GROUPS[1]!.group.name;

/** What {@link predictBatch} calls. */
export interface PredictDependencies {
  /** The online store (BatchGetRecord). */
  readonly reader: OnlineFeatureReader;
  /** The model (InvokeEndpoint). */
  readonly endpoint: ModelEndpoint;
  /** The feature cache. @default - none: every record is read from the store */
  readonly cache?: FeatureCache;
  /** Counters to add this request's figures to. @default - not counted */
  readonly counters?: InferenceCounters;
}

/** Deadlines and clocks of {@link predictBatch}. */
export interface PredictOptions {
  /** The whole request's deadline, ms: every answer comes within it (plus a few ms of own work). @default 250 */
  readonly deadlineMs?: number;
  /** The Feature Store read's own timeout, ms, capped by what is left of the deadline. @default 100 */
  readonly featureStoreTimeoutMs?: number;
  /** The cache read's timeout, ms: a slower cache is a miss. @default 20 */
  readonly cacheTimeoutMs?: number;
  /** Wall clock, epoch ms: the time features are evaluated at. @default Date.now */
  readonly now?: () => number;
  /** Monotonic clock, ms: deadlines and latency. @default performance.now */
  readonly clock?: () => number;
  /** Where a cache failure is reported (it is never the request's failure). @default console.warn */
  readonly onCacheError?: (error: unknown) => void;
}

/** The predictions of a batch, in request order, and the whole batch's latency. */
export interface BatchPrediction {
  readonly predictions: PredictResponse[];
  readonly latencyMs: number;
  /** Whether any prediction is degraded. */
  readonly degraded: boolean;
}

const reasonOf = (dependency: 'feature_store' | 'endpoint', error: unknown, consequence: string): DegradedReason => {
  const timeout = error instanceof DependencyTimeoutError;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: timeout ? `${dependency}_timeout` : `${dependency}_error`, message: `${message}; ${consequence}` };
};

const toCached = (record: OnlineRecordInput | null): CachedRecord => (record === null ? null : Object.fromEntries(readRecord(record)));

const round1 = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * Predicts for up to 100 requests: their online records (users, and products where a SKU is
 * given) from the cache, the rest in ONE Feature Store read; one feature vector per request in
 * the model's order; ONE endpoint call for all rows.
 *
 * Within the deadline, always: a Feature Store that fails or is slow gives defaulted features, a
 * real score of the model on them, and `degraded` with the reason; an endpoint that fails or is
 * slow gives `score: null` with the reason, never a number it did not compute.
 *
 * @example
 * ```ts
 * const { predictions } = await predictBatch([{ domain_userid: 'a1' }], { reader, endpoint, cache: new LruFeatureCache() });
 * ```
 */
export async function predictBatch(requests: readonly PredictRequest[], deps: PredictDependencies, options: PredictOptions = {}): Promise<BatchPrediction> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const left = () => deadlineMs - (clock() - started);
  const reasons: DegradedReason[] = [];

  const keys = new Map<string, RecordKey>();
  const keysOf = requests.map((request) => {
    const user: RecordKey = { group: USER_GROUP, id: request.domain_userid };
    const product: RecordKey | undefined = request.sku === undefined ? undefined : { group: PRODUCT_GROUP, id: request.sku };
    for (const key of product === undefined ? [user] : [user, product]) keys.set(recordKeyOf(key), key);
    return { user: recordKeyOf(user), product: product === undefined ? undefined : recordKeyOf(product) };
  });

  // 1. The cache; a failing or slow cache is a miss.
  let records = new Map<string, CachedRecord>();
  if (deps.cache !== undefined) {
    const cache = deps.cache;
    try {
      records = await withTimeout('the feature cache', Math.min(options.cacheTimeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS, left()), () => cache.getMany([...keys.keys()]));
    } catch (error) {
      (options.onCacheError ?? console.warn)(error);
    }
  }
  const hits = records.size;
  const misses = [...keys].filter(([key]) => !records.has(key)).map(([, key]) => key);

  // 2. One Feature Store read for the rest.
  if (misses.length > 0) {
    const timeoutMs = Math.min(options.featureStoreTimeoutMs ?? DEFAULT_FEATURE_STORE_TIMEOUT_MS, left());
    try {
      const read = await withTimeout('the Feature Store', timeoutMs, (signal) => deps.reader.read(misses, signal));
      const fresh = new Map(misses.map((key) => [recordKeyOf(key), toCached(read.get(recordKeyOf(key)) ?? null)]));
      for (const [key, record] of fresh) records.set(key, record);
      deps.cache?.setMany(fresh).catch(options.onCacheError ?? console.warn);
    } catch (error) {
      reasons.push(reasonOf('feature_store', error, `${misses.length} record(s) unread, their features defaulted`));
    }
  }

  // 3. One feature vector per request, in the model's order.
  const nowMs = (options.now ?? Date.now)();
  const vectors = requests.map((request, index) => {
    const { user, product } = keysOf[index]!;
    const input: Record<string, CachedRecord> = { [USER_GROUP]: records.get(user) ?? null };
    if (product !== undefined) input[PRODUCT_GROUP] = records.get(product) ?? null;
    return toFeatureVector(input as FeatureRecords, { nowMs, ...(request.context === undefined ? {} : { context: request.context }) });
  });

  // 4. One endpoint call for all rows, with what is left of the deadline.
  let scores: readonly number[] | null = null;
  let modelVersion: string | null = null;
  const remaining = left();
  if (remaining <= 0) {
    reasons.push({ code: 'deadline_exceeded', message: `the ${deadlineMs} ms deadline passed before the model could be called; no score` });
  } else {
    try {
      const answer = await withTimeout('the model endpoint', remaining, (signal) => deps.endpoint.invoke(vectors.map((v) => v.vector), signal));
      if (answer.scores.length !== requests.length) throw new InvalidEndpointAnswerError(`${answer.scores.length} scores for ${requests.length} rows`);
      const bad = answer.scores.findIndex((score) => !(score >= 0 && score <= 1));
      if (bad !== -1) throw new InvalidEndpointAnswerError(`score ${bad} is ${answer.scores[bad]}, not a probability in [0, 1]`);
      scores = answer.scores;
      modelVersion = answer.modelVersion;
    } catch (error) {
      reasons.push(reasonOf('endpoint', error, 'no score'));
    }
  }

  const latencyMs = round1(clock() - started);
  const degraded = reasons.length > 0;
  const predictions = requests.map((request, index): PredictResponse => {
    const vector = vectors[index]!;
    return {
      domain_userid: request.domain_userid,
      ...(request.sku === undefined ? {} : { sku: request.sku }),
      score: scores === null ? null : scores[index]!,
      model_version: modelVersion,
      features: vector.features,
      defaulted_features: vector.defaulted,
      feature_age_s: vector.featureAgeS === null ? null : round1(vector.featureAgeS),
      latency_ms: latencyMs,
      degraded,
      degraded_reasons: reasons,
    };
  });

  const counters = deps.counters;
  if (counters !== undefined) {
    counters.requests++;
    counters.predictions += requests.length;
    counters.cacheHits += hits;
    if (deps.cache !== undefined) counters.cacheMisses += misses.length;
    if (degraded) counters.degradedPredictions += requests.length;
    if (scores === null) counters.unscoredPredictions += requests.length;
    for (const reason of reasons) counters.degradedByCode[reason.code] = (counters.degradedByCode[reason.code] ?? 0) + requests.length;
  }
  return { predictions, latencyMs, degraded };
}
