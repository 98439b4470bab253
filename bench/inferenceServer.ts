/**
 * The child process of `npm run bench -- inference`: the services `snowline up` runs behind
 * /predict (the Feature Store runtime, the model server with the published model, the SageMaker
 * runtime, the local HTTP API), in one Node process as `snowline up` runs them, with two HTTP
 * APIs: one whose handler has the in-process feature cache and one without, each requiring an API
 * key and limiting bodies to 1 MiB as `snowline up` does. Prints its endpoints and the key as one
 * JSON line, then serves until stdin closes or SIGTERM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInferenceHandler } from '../handlers/inference';
import { cacheHitRate, LruFeatureCache } from '../lib/inference';
import { startFeatureStoreService } from '../local/featurestore/startFeatureStoreService';
import { ensureApiKey } from '../local/http/apiKeyFile';
import { LOCAL_MAX_BODY_BYTES } from '../local/http/constants';
import { startHttpApi } from '../local/http/startHttpApi';
import { loadServedModel, PUBLISHED_MODEL_DIR } from '../local/sagemaker/loadServedModel';
import { createPlaceholderModel } from '../local/sagemaker/placeholderModel';
import { startModelServer } from '../local/sagemaker/startModelServer';
import { startSageMakerRuntime } from '../local/sagemaker/startSageMakerRuntime';
import { inferenceApiRoutes } from '../local/up/defaultRoutes';
import { LOCAL_MODEL_ENDPOINT } from '../local/up/constants';
import { FEATURE_GROUPS } from '../schemas/feature-groups';
import { FeatureStoreOnlineReader, SageMakerModelEndpoint } from '../stores/inference';

const root = await mkdtemp(join(tmpdir(), 'snowline-bench-inference-'));
const featurestore = await startFeatureStoreService({ featureGroups: FEATURE_GROUPS, dataDir: join(root, 'data'), offlineStoreDir: join(root, 'lake'), flushIntervalMs: 600_000 });
const model = await loadServedModel(PUBLISHED_MODEL_DIR, () => createPlaceholderModel({ featureNames: LOCAL_MODEL_ENDPOINT.featureNames }));
const modelServer = await startModelServer({ model });
const sagemaker = await startSageMakerRuntime({ endpoints: { [LOCAL_MODEL_ENDPOINT.endpointName]: modelServer.endpoint } });
const reader = new FeatureStoreOnlineReader({ featureStore: { endpoint: featurestore.endpoint } });
const endpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: sagemaker.endpoint }, defaultModelVersion: model.version });
const cached = createInferenceHandler({ reader, endpoint, cache: new LruFeatureCache() });
const uncached = createInferenceHandler({ reader, endpoint });
const health = (handler: typeof cached) => () => ({ ready: true, services: [], inference: { ...handler.counters, cacheHitRate: cacheHitRate(handler.counters) } });
const apiKey = await ensureApiKey(root);
const [cachedApi, uncachedApi] = await Promise.all([
  startHttpApi({ routes: inferenceApiRoutes(cached), health: health(cached), apiKey, maxBodyBytes: LOCAL_MAX_BODY_BYTES }),
  startHttpApi({ routes: inferenceApiRoutes(uncached), health: health(uncached), apiKey, maxBodyBytes: LOCAL_MAX_BODY_BYTES }),
]);
process.stdout.write(`${JSON.stringify({ featurestore: featurestore.endpoint, cached: cachedApi.endpoint, uncached: uncachedApi.endpoint, apiKey, modelVersion: model.version })}\n`);

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  reader.destroy();
  endpoint.destroy();
  await Promise.allSettled([cachedApi.close(), uncachedApi.close(), sagemaker.close(), modelServer.close(), featurestore.close()]);
  await rm(root, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', () => void close());
process.stdin.resume();
process.on('SIGTERM', () => void close());
