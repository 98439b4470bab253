import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceHandler, INFERENCE_ROUTE_KEYS } from '../../handlers/inference';
import { FeatureStoreOnlineReader, RedisFeatureCache, SageMakerModelEndpoint } from '../../stores/inference';
import { httpEvent, putUser, startInferenceServices, type InferenceServices } from '../handlers/inferenceHelpers';

// The shared feature cache on a real Redis (/usr/bin/redis-server), started on a free port.

let redis: ChildProcess;
let url: string;
let services: InferenceServices;
/** Deadlines far above any answer's time (the machine may be loaded), the cache's read included. */
const RELAXED = { deadlineMs: 10_000, featureStoreTimeoutMs: 5_000, cacheTimeoutMs: 1_000 } as const;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));

beforeAll(async () => {
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  redis = await startRedis(port);
  services = await startInferenceServices();
});

afterAll(async () => {
  if (redis) await stop(redis);
  await services?.close();
});

describe('RedisFeatureCache', () => {
  it('round-trips records and absences, and forgets them after the TTL', async () => {
    const cache = new RedisFeatureCache({ url, ttlMs: 300, keyPrefix: 'test1:' });
    try {
      await cache.setMany(new Map([['user_activity#a', { page_views_1h: '3' }], ['user_activity#b', null]]));
      expect(await cache.getMany(['user_activity#a', 'user_activity#b', 'user_activity#c'])).toEqual(new Map([['user_activity#a', { page_views_1h: '3' }], ['user_activity#b', null]]));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await cache.getMany(['user_activity#a', 'user_activity#b'])).size).toBe(0);
    } finally {
      await cache.close();
    }
  });

  it('is shared: a record one handler read is a hit for another (another Lambda instance)', async () => {
    await putUser(services.writer, 'shared-user', { page_views_1h: 4 });
    const reader = new FeatureStoreOnlineReader({ featureStore: { endpoint: services.featurestore.endpoint } });
    const endpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: services.sagemaker.endpoint } });
    const caches = [new RedisFeatureCache({ url, ttlMs: 60_000, keyPrefix: 'test2:' }), new RedisFeatureCache({ url, ttlMs: 60_000, keyPrefix: 'test2:' })];
    try {
      // connected first: a cold connection takes longer than the cache's 20 ms timeout (a miss)
      await Promise.all(caches.map((cache) => cache.getMany([])));
      const [one, two] = caches.map((cache) => createInferenceHandler({ reader, endpoint, cache, ...RELAXED }));
      await one!(httpEvent(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'shared-user' }));
      await new Promise((resolve) => setTimeout(resolve, 50)); // the write-back is not awaited by the answer
      const answer = JSON.parse((await two!(httpEvent(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'shared-user' }))).body as string);
      expect(answer.features.page_views_1h).toBe(4);
      expect(one!.counters).toMatchObject({ cacheHits: 0, cacheMisses: 1 });
      expect(two!.counters).toMatchObject({ cacheHits: 1, cacheMisses: 0 });
    } finally {
      await Promise.all(caches.map((cache) => cache.close()));
      reader.destroy();
      endpoint.destroy();
    }
  });

  it('costs a miss, never the answer, when Redis is down', async () => {
    const port = await freePort();
    const downRedis = await startRedis(port);
    const cache = new RedisFeatureCache({ url: `redis://127.0.0.1:${port}`, ttlMs: 60_000 });
    const reader = new FeatureStoreOnlineReader({ featureStore: { endpoint: services.featurestore.endpoint } });
    const endpoint = new SageMakerModelEndpoint({ sagemaker: { endpoint: services.sagemaker.endpoint } });
    const warnings: unknown[] = [];
    try {
      const handler = createInferenceHandler({ reader, endpoint, cache, onCacheError: (error) => warnings.push(error), ...RELAXED });
      await handler(httpEvent(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'shared-user' }));
      await stop(downRedis);
      const t0 = performance.now();
      const response = await handler(httpEvent(INFERENCE_ROUTE_KEYS.predict, { domain_userid: 'shared-user' }));
      expect(performance.now() - t0).toBeLessThan(2_000); // a failed Redis command fails fast: no offline queue
      const answer = JSON.parse(response.body as string);
      expect(response.statusCode).toBe(200);
      expect(answer).toMatchObject({ degraded: false, features: { page_views_1h: 4 } });
      expect(warnings.length).toBeGreaterThan(0);
    } finally {
      await stop(downRedis);
      await cache.close();
      reader.destroy();
      endpoint.destroy();
    }
  });
});
