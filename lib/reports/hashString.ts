/**
 * MurmurHash3 (x86, 32-bit) of a string's UTF-16 code units, two units a block: fast, well mixed
 * and the same on every run, for HyperLogLog, fingerprints and bucket choice (not for security).
 *
 * @example
 * hashString('bc2e92ec-6c20-4a14-9f1e-000000000001', 0); // a uint32
 */
export function hashString(text: string, seed: number): number {
  let h = seed >>> 0;
  const length = text.length;
  const blocks = length & ~1;
  for (let i = 0; i < blocks; i += 2) {
    let k = (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)) >>> 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (blocks !== length) {
    let k = text.charCodeAt(blocks);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= length * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Seeds of the independent hashes, one per use. */
export const HASH_SEEDS = { hllHigh: 0x5eed0001, hllLow: 0x5eed0002, bucket: 0x5eed0003, fingerprintHigh: 0x5eed0004, fingerprintLow: 0x5eed0005 } as const;

/**
 * An event's 53-bit fingerprint (an integer below 2^53, so a plain number), from two 32-bit
 * hashes of its `event_id`. Two different ids share one with probability 2^-53.
 */
export function fingerprint(eventId: string): number {
  const high = hashString(eventId, HASH_SEEDS.fingerprintHigh);
  const low = hashString(eventId, HASH_SEEDS.fingerprintLow);
  return (high & 0x1fffff) * 0x1_0000_0000 + low;
}
