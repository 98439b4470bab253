import { createClient, type RedisClientType } from 'redis';
import { DEFAULT_CACHE_TTL_MS, type CachedRecord, type FeatureCache } from '../../lib/inference';

/** Options of {@link RedisFeatureCache}. */
export interface RedisFeatureCacheOptions {
  /** The Redis (ElastiCache) URL, e.g. `redis://127.0.0.1:6379` or `rediss://primary.xyz.cache.amazonaws.com:6379`. */
  readonly url: string;
  /** How long a record is served from the cache, ms. @default 2,000 ms */
  readonly ttlMs?: number;
  /** The prefix of every key. @default 'snowline:features:' */
  readonly keyPrefix?: string;
  /** How long connecting may take before a command fails, ms. @default 1,000 */
  readonly connectTimeoutMs?: number;
}

/**
 * The shared feature cache on Redis (ElastiCache on AWS): every Lambda instance sees the
 * records any of them read. One MGET per request; writes are one pipeline of SET PX. The client
 * connects on first use and fails fast while disconnected (no offline queue), so a Redis outage
 * costs a miss, never a hang.
 *
 * @example
 * ```ts
 * const cache = new RedisFeatureCache({ url: process.env.FEATURE_CACHE_REDIS_URL! });
 * ```
 */
export class RedisFeatureCache implements FeatureCache {
  private readonly client: RedisClientType;
  private connecting: Promise<unknown> | undefined;
  private readonly ttlMs: number;
  private readonly prefix: string;

  constructor(options: RedisFeatureCacheOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.prefix = options.keyPrefix ?? 'snowline:features:';
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: { connectTimeout: options.connectTimeoutMs ?? 1_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
    }) as RedisClientType;
    this.client.on('error', () => undefined); // reported through the failing commands
  }

  private async ready(): Promise<void> {
    this.connecting ??= this.client.connect();
    await this.connecting;
  }

  async getMany(keys: readonly string[]): Promise<Map<string, CachedRecord>> {
    await this.ready();
    const values = keys.length === 0 ? [] : await this.client.mGet(keys.map((key) => this.prefix + key));
    const found = new Map<string, CachedRecord>();
    values.forEach((value, index) => {
      if (value !== null) found.set(keys[index]!, JSON.parse(value) as CachedRecord);
    });
    return found;
  }

  async setMany(entries: ReadonlyMap<string, CachedRecord>): Promise<void> {
    if (entries.size === 0) return;
    await this.ready();
    const pipeline = this.client.multi();
    for (const [key, record] of entries) pipeline.set(this.prefix + key, JSON.stringify(record), { expiration: { type: 'PX', value: this.ttlMs } });
    await pipeline.execAsPipeline();
  }

  async close(): Promise<void> {
    if (this.connecting === undefined) return;
    await this.connecting.catch(() => undefined);
    if (this.client.isOpen) this.client.destroy();
  }
}
