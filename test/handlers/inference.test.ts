import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceHandler, INFERENCE_ROUTE_KEYS, publishAnswerMetrics, type InferenceHandler } from '../../handlers/inference';
import { LruFeatureCache } from '../../lib/inference';
import { MODEL_INPUTS } from '../../lib/model';
import { createPlaceholderModel } from '../../local/sagemaker/placeholderModel';
import { startModelServer } from '../../local/sagemaker/startModelServer';
import { FeatureStoreOnlineReader, SageMakerModelEndpoint } from '../../stores/inference';
import { MODEL_FEATURE_NAMES } from '../../lib/model';
import { deadEndpoint, httpEvent, putProduct, putUser, startHungServer, startInferenceServices, type InferenceServices } from './inferenceHelpers';

let services: InferenceServices;
let handler: InferenceHandler;
let reader: FeatureStoreOnlineReader;
let endpoint: SageMakerModelEndpoint;
/** Deadlines far above any answer's time, for the tests that are not about deadlines (the machine may be loaded). */
const RELAXED = { deadlineMs: 10_000, featureStoreTimeoutMs: 5_000 } as const;

const call = async (routeKey: string, body: unknown, h: InferenceHandler = handler) => {
  const response = await h(httpEvent(routeKey, body));
  return { status: response.statusCode!, body: JSON.parse(response.body as string) };
};

beforeAll(async () => {
  services = await startInferenceServices();
  reader = new FeatureStoreOnlineReader({ featureStore: { endpoint: services.featurestore.endpoint } });
  endpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: services.sagemaker.endpoint }, defaultModelVersion: 'test-logistic@1' });
  handler = createInferenceHandler({ reader, endpoint, ...RELAXED });
  await putUser(services.writer, 'buyer', { page_views_1h: 12, events_1h: 30, add_to_carts_1h: 3, device_class: 'Desktop', last_event_name: 'event', country: 'DE', is_logged_in: 1 });
  await putUser(services.writer, 'browser', { page_views_1h: 1, events_1h: 2, device_class: 'Phone' });
  await putProduct(services.writer, 'SKU-1', { views_1h: 40, add_to_carts_1h: 6 });
});

afterAll(async () => {
  reader?.destroy();
  endpoint?.destroy();
  await services?.close();
});

describe('POST /predict', () => {
  it('answers the score of the model on the user\'s online features, with the version and the features used', async () => {
    const { status, body } = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' });
    expect(status).toBe(200);
    expect(body.domain_userid).toBe('buyer');
    expect(body.model_version).toBe('test-logistic@1');
    expect(body.features).toMatchObject({ page_views_1h: 12, add_to_carts_1h: 3, device_class: 'Desktop', country: 'DE' });
    expect(body.defaulted_features).toEqual(['page_views_5m', 'link_clicks_1h', 'transactions_24h', 'revenue_24h', 'distinct_pages_1h', 'sessions_24h']);
    expect(body.degraded).toBe(false);
    expect(body.feature_age_s).toBeGreaterThanOrEqual(5);
    expect(body.latency_ms).toBeGreaterThan(0);
    // the test model: logistic(-3 + 1.2·3 + 0.15·12 + 0.05·30 - 0.0001·age)
    const age = body.features.user_event_age_s as number;
    expect(body.score).toBeCloseTo(1 / (1 + Math.exp(-(-3 + 3.6 + 1.8 + 1.5 - 0.0001 * age))), 6);
    const other = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'browser' });
    expect(other.body.score).toBeLessThan(body.score);
  });

  it('reads the product record too when a sku is given, and applies request-time context', async () => {
    const { body } = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'browser', sku: 'SKU-1', context: { add_to_carts_1h: 2 } });
    expect(body.sku).toBe('SKU-1');
    expect(body.features).toMatchObject({ product_views_1h: 40, product_add_to_carts_1h: 6, add_to_carts_1h: 2 });
    const missing = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'browser', sku: 'SKU-none' });
    expect(missing.body.defaulted_features).toEqual(expect.arrayContaining(['product_views_1h', 'product_units_24h']));
  });

  it('defaults every feature of an unknown user and lists them, still scoring', async () => {
    const { status, body } = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'nobody-' + Date.now() });
    expect(status).toBe(200);
    expect(body.defaulted_features).toEqual(MODEL_INPUTS.filter((i) => !i.name.startsWith('product_')).map((i) => i.name));
    expect(body.feature_age_s).toBeNull();
    expect(body.score).toBeGreaterThan(0);
    expect(body.degraded).toBe(false);
  });

  it('answers 400 naming every problem of a bad body', async () => {
    const bad = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: '', sku: 7, context: { colour: 'red', device_class: 1 }, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([
      'domain_userid: must not be empty',
      expect.stringMatching(/^sku: /),
      expect.stringMatching(/^context\.colour: is not a model input/),
      expect.stringMatching(/^context\.device_class: must be a string/),
      'extra: is not a known field',
    ]);
    expect((await call(INFERENCE_ROUTE_KEYS.predict, '{"domain_userid":')).body.problems).toEqual([expect.stringMatching(/^body: is not JSON/)]);
    expect((await call(INFERENCE_ROUTE_KEYS.predict, '')).status).toBe(400);
    expect((await call(INFERENCE_ROUTE_KEYS.predict, [])).body.problems).toEqual([expect.stringMatching(/^body: /)]);
  });
});

describe('POST /predict/batch', () => {
  it('answers one prediction per request, in order, from one BatchGetRecord and one InvokeEndpoint', async () => {
    const counted = { batchGets: 0, invokes: 0 };
    reader.client.middlewareStack.add((next) => async (args) => ((counted.batchGets += 1), next(args)), { step: 'initialize', name: 'countBatchGets' });
    endpoint.client.middlewareStack.add((next) => async (args) => ((counted.invokes += 1), next(args)), { step: 'initialize', name: 'countInvokes' });
    try {
      const requests = [{ domain_userid: 'buyer' }, { domain_userid: 'browser', sku: 'SKU-1' }, ...Array.from({ length: 60 }, (_, i) => ({ domain_userid: `u${i}`, sku: `SKU-${i % 30}` }))];
      const { status, body } = await call(INFERENCE_ROUTE_KEYS.batch, { requests });
      expect(status).toBe(200);
      expect(body.predictions.map((p: { domain_userid: string }) => p.domain_userid)).toEqual(requests.map((r) => r.domain_userid));
      const single = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' });
      expect(body.predictions[0].score).toBeCloseTo(single.body.score, 4);
      expect(body.predictions[1].features.product_views_1h).toBe(40);
      expect(counted).toEqual({ batchGets: 2, invokes: 2 }); // the batch's one and the single's one
    } finally {
      reader.client.middlewareStack.remove('countBatchGets');
      endpoint.client.middlewareStack.remove('countInvokes');
    }
  });

  it('refuses more than 100 requests, or more than 100 records, naming the limit', async () => {
    const many = await call(INFERENCE_ROUTE_KEYS.batch, { requests: Array.from({ length: 101 }, (_, i) => ({ domain_userid: `u${i}` })) });
    expect(many.status).toBe(400);
    expect(many.body.problems).toEqual(['requests: must hold at most 100 requests']);
    const records = await call(INFERENCE_ROUTE_KEYS.batch, { requests: Array.from({ length: 60 }, (_, i) => ({ domain_userid: `u${i}`, sku: `S${i}` })) });
    expect(records.body.problems).toEqual([expect.stringContaining('120 online records; one BatchGetRecord reads at most 100')]);
    const nested = await call(INFERENCE_ROUTE_KEYS.batch, { requests: [{ domain_userid: 'a' }, { sku: 'x' }] });
    expect(nested.body.problems).toEqual([expect.stringMatching(/^requests\.1\.domain_userid: /)]);
  });
});

describe('the feature cache', () => {
  it('serves a repeated lookup from the cache and reports hits and misses', async () => {
    const cached = createInferenceHandler({ reader, endpoint, cache: new LruFeatureCache({ ttlMs: 60_000 }), ...RELAXED });
    const first = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer', sku: 'SKU-1' }, cached);
    await putUser(services.writer, 'buyer', { page_views_1h: 99 });
    const second = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer', sku: 'SKU-1' }, cached);
    expect(second.body.features.page_views_1h).toBe(first.body.features.page_views_1h); // served from the cache, TTL not passed
    expect(cached.counters).toMatchObject({ cacheHits: 2, cacheMisses: 2 });
    const uncached = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' });
    expect(uncached.body.features.page_views_1h).toBe(99);
    await putUser(services.writer, 'buyer', { page_views_1h: 12, events_1h: 30, add_to_carts_1h: 3, device_class: 'Desktop', last_event_name: 'event', country: 'DE', is_logged_in: 1 });
  });
});

describe('deadlines and fallbacks', () => {
  it('answers within the deadline with defaults and the reason when the Feature Store hangs', async () => {
    const hung = await startHungServer();
    const slowReader = new FeatureStoreOnlineReader({ featureStore: { endpoint: hung.endpoint } });
    try {
      const h = createInferenceHandler({ reader: slowReader, endpoint, featureStoreTimeoutMs: 80, deadlineMs: 3_000 });
      const t0 = performance.now();
      const { status, body } = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' }, h);
      expect(performance.now() - t0).toBeLessThan(3_000);
      expect(status).toBe(200);
      expect(body.degraded).toBe(true);
      expect(body.degraded_reasons).toEqual([{ code: 'feature_store_timeout', message: expect.stringContaining('within 80 ms') }]);
      expect(body.defaulted_features).toContain('add_to_carts_1h');
      expect(body.score).toBeGreaterThan(0); // the model's real score on the defaults, flagged degraded
      expect(h.counters).toMatchObject({ degradedPredictions: 1, degradedByCode: { feature_store_timeout: 1 } });
    } finally {
      slowReader.destroy();
      await hung.close();
    }
  });

  it('says so when the Feature Store is down', async () => {
    const downReader = new FeatureStoreOnlineReader({ featureStore: { endpoint: await deadEndpoint() } });
    try {
      const { status, body } = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' }, createInferenceHandler({ reader: downReader, endpoint, ...RELAXED }));
      expect(status).toBe(200);
      expect(body.degraded_reasons[0].code).toBe('feature_store_error');
      expect(body.degraded_reasons[0].message).toMatch(/ECONNREFUSED/);
    } finally {
      downReader.destroy();
    }
  });

  it('degrades, then recovers, when the running Feature Store and model server are stopped mid-way', async () => {
    // Prepare: services of their own, a user, a handler without a cache
    const own = await startInferenceServices();
    const ownReader = new FeatureStoreOnlineReader({ featureStore: { endpoint: own.featurestore.endpoint } });
    const ownEndpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: own.sagemaker.endpoint } });
    try {
      await putUser(own.writer, 'stopped', { add_to_carts_1h: 2 });
      const h = createInferenceHandler({ reader: ownReader, endpoint: ownEndpoint, ...RELAXED });
      const ok = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'stopped' }, h);
      expect(ok.body).toMatchObject({ degraded: false, features: { add_to_carts_1h: 2 } });
      // Act: stop the Feature Store emulator
      await own.featurestore.close();
      const noStore = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'stopped' }, h);
      // Assess: defaults, listed, and a real score on them, flagged
      expect(noStore.status).toBe(200);
      expect(noStore.body.degraded_reasons.map((r: { code: string }) => r.code)).toEqual(['feature_store_error']);
      expect(noStore.body.features.add_to_carts_1h).toBe(0);
      expect(noStore.body.defaulted_features).toContain('add_to_carts_1h');
      expect(noStore.body.score).toBeGreaterThan(0);
      // Act: stop the model server too
      await own.modelServer.close();
      const nothing = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'stopped' }, h);
      expect(nothing.status).toBe(503);
      expect(nothing.body.score).toBeNull();
      expect(nothing.body.degraded_reasons.map((r: { code: string }) => r.code)).toEqual(['feature_store_error', 'endpoint_error']);
    } finally {
      ownReader.destroy();
      ownEndpoint.destroy();
      await own.close();
    }
  });

  it('gives no score, 503 and the reason when the endpoint is down or hangs', async () => {
    const downEndpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: await deadEndpoint() } });
    const slowModelServer = await startModelServer({ model: { ...createPlaceholderModel({ featureNames: MODEL_FEATURE_NAMES }), predict: () => new Promise<number[]>(() => undefined) } });
    services.sagemaker.setEndpoint('slow-model', slowModelServer.endpoint);
    const slowEndpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: services.sagemaker.endpoint }, endpointName: 'slow-model' });
    try {
      const down = await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' }, createInferenceHandler({ reader, endpoint: downEndpoint, ...RELAXED }));
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ score: null, model_version: null, degraded: true });
      expect(down.body.degraded_reasons[0].code).toBe('endpoint_error');
      expect(down.body.features.add_to_carts_1h).toBe(3);
      const t0 = performance.now();
      const slow = await call(INFERENCE_ROUTE_KEYS.batch, { requests: [{ domain_userid: 'buyer' }, { domain_userid: 'browser' }] }, createInferenceHandler({ reader, endpoint: slowEndpoint, deadlineMs: 1_000, featureStoreTimeoutMs: 900 }));
      expect(performance.now() - t0).toBeLessThan(1_000 + 500); // the deadline, and the machine's lag
      expect(slow.status).toBe(503);
      expect(slow.body.predictions.map((p: { score: null }) => p.score)).toEqual([null, null]);
      expect(slow.body.predictions[0].degraded_reasons[0].code).toBe('endpoint_timeout');
    } finally {
      downEndpoint.destroy();
      slowEndpoint.destroy();
      await slowModelServer.close();
    }
  });
});

describe('publishAnswerMetrics', () => {
  it('writes the answer as CloudWatch embedded metrics the stack\'s alarms read', async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const log = console.log;
    process.stdout.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      const answer = { statusCode: 503, body: { ...(await call(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'buyer' })).body, score: null, degraded: true } };
      publishAnswerMetrics(answer, { hits: 1, misses: 2 });
    } finally {
      process.stdout.write = write;
      console.log = log;
    }
    const emf = lines.map((line) => { try { return JSON.parse(line); } catch { return undefined; } }).find((json) => json?._aws !== undefined);
    expect(emf._aws.CloudWatchMetrics[0].Namespace).toBe('Snowline');
    expect(emf._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(emf).toMatchObject({ service: 'snowline-inference', Predictions: 1, DegradedPredictions: 1, UnscoredPredictions: 1, FeatureCacheHits: 1, FeatureCacheMisses: 2 });
    expect(emf.PredictLatency).toBeGreaterThan(0);
  });
});
