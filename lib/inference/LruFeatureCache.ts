import { DEFAULT_CACHE_MAX_ENTRIES, DEFAULT_CACHE_TTL_MS } from './constants';
import type { CachedRecord, FeatureCache } from './types';

/** Options of {@link LruFeatureCache}. */
export interface LruFeatureCacheOptions {
  /** How long a record is served from the cache, ms. Range 1 ms - 1 hour. @default 2,000 ms */
  readonly ttlMs?: number;
  /** How many records it holds; the least recently used goes first. Range ≥ 1. @default 10,000 */
  readonly maxEntries?: number;
  /** The clock, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/**
 * The in-process feature cache: a Map kept in recency order (a hit moves its key to the end, the
 * first key is the least recently used), entries expiring `ttlMs` after they were written.
 * Each Lambda instance has its own, so it needs nothing configured.
 *
 * @example
 * ```ts
 * const cache = new LruFeatureCache({ ttlMs: 1_000 });
 * ```
 */
export class LruFeatureCache implements FeatureCache {
  private readonly entries = new Map<string, { readonly record: CachedRecord; readonly expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: LruFeatureCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
    if (!(this.ttlMs >= 1 && this.ttlMs <= 3_600_000)) throw new RangeError(`LruFeatureCache: ttlMs must be 1 to 3600000, got ${this.ttlMs}`);
    if (!(Number.isInteger(this.maxEntries) && this.maxEntries >= 1)) throw new RangeError(`LruFeatureCache: maxEntries must be an integer ≥ 1, got ${this.maxEntries}`);
  }

  /** How many records it holds (expired ones not yet evicted included). */
  get size(): number {
    return this.entries.size;
  }

  async getMany(keys: readonly string[]): Promise<Map<string, CachedRecord>> {
    const now = this.now();
    const found = new Map<string, CachedRecord>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry === undefined) continue;
      this.entries.delete(key);
      if (entry.expiresAt <= now) continue;
      this.entries.set(key, entry);
      found.set(key, entry.record);
    }
    return found;
  }

  async setMany(records: ReadonlyMap<string, CachedRecord>): Promise<void> {
    const expiresAt = this.now() + this.ttlMs;
    for (const [key, record] of records) {
      this.entries.delete(key);
      this.entries.set(key, { record, expiresAt });
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
