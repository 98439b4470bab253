import type { InferenceCounters } from './types';

/** Fresh counters, all zero. */
export function createCounters(): InferenceCounters {
  return { requests: 0, predictions: 0, degradedPredictions: 0, unscoredPredictions: 0, cacheHits: 0, cacheMisses: 0, degradedByCode: {} };
}

/** The cache's hit rate, hits / (hits + misses), or null before any lookup. */
export function cacheHitRate(counters: Pick<InferenceCounters, 'cacheHits' | 'cacheMisses'>): number | null {
  const lookups = counters.cacheHits + counters.cacheMisses;
  return lookups === 0 ? null : counters.cacheHits / lookups;
}
