import { describe, expect, it } from 'vitest';
import { cacheHitRate, DependencyTimeoutError, LruFeatureCache, withTimeout } from '../../../lib/inference';

describe('LruFeatureCache', () => {
  it('serves records until the TTL and evicts the least recently used past maxEntries', async () => {
    let now = 1_000;
    const cache = new LruFeatureCache({ ttlMs: 100, maxEntries: 2, now: () => now });
    await cache.setMany(new Map([['a', { x: '1' }], ['b', null]]));
    expect(await cache.getMany(['a', 'b', 'c'])).toEqual(new Map([['a', { x: '1' }], ['b', null]]));
    await cache.getMany(['a']); // a is now the most recently used
    await cache.setMany(new Map([['c', { x: '3' }]]));
    expect([...(await cache.getMany(['a', 'b', 'c'])).keys()]).toEqual(['a', 'c']);
    now += 100;
    expect((await cache.getMany(['a', 'c'])).size).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('refuses a TTL or size out of range, naming it', () => {
    expect(() => new LruFeatureCache({ ttlMs: 0 })).toThrow(/ttlMs must be 1 to 3600000, got 0/);
    expect(() => new LruFeatureCache({ maxEntries: 1.5 })).toThrow(/maxEntries/);
  });

  it('reports the hit rate, null before any lookup', () => {
    expect(cacheHitRate({ cacheHits: 0, cacheMisses: 0 })).toBeNull();
    expect(cacheHitRate({ cacheHits: 3, cacheMisses: 1 })).toBe(0.75);
  });
});

describe('withTimeout', () => {
  it('settles at the timeout even when the call ignores its signal, and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const t0 = performance.now();
    const error = await withTimeout('the thing', 30, (signal) => ((seen = signal), new Promise(() => undefined))).catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(error).toBeInstanceOf(DependencyTimeoutError);
    expect((error as Error).message).toBe('the thing did not answer within 30 ms');
    expect(seen?.aborted).toBe(true);
  });

  it('passes a value or an error through, and fails at once without time left', async () => {
    expect(await withTimeout('x', 50, async () => 7)).toBe(7);
    await expect(withTimeout('x', 50, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withTimeout('x', 0, async () => 7)).rejects.toBeInstanceOf(DependencyTimeoutError);
  });
});
