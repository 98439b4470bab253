/**
 * Mixes a number into 32 bits (splitmix32's finaliser), so nearby seeds give unrelated streams.
 */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A 32-bit seed for one named stream of randomness, derived from a run seed, a label and an index.
 *
 * Each concern (visitors, traffic, lateness, duplicates) draws from its own stream, so changing
 * one option (say the duplicate ratio) leaves the others' draws unchanged.
 *
 * @example deriveSeed(1, 'visitor', 42) // always the same 32-bit number
 */
export function deriveSeed(seed: number, label: string, index = 0): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x100000000) >>> 0;
  return mix32(mix32(mix32(h ^ low) ^ high) ^ mix32(index));
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A seeded pseudo-random number generator (sfc32), with the draws the generator needs.
 *
 * Never `Math.random`: the same seed gives the same sequence on every machine.
 *
 * @example
 * ```ts
 * const rng = new Rng(1);
 * rng.int(1, 6); // a die roll, the same for seed 1 every time
 * ```
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any safe integer; it is mixed into 128 bits of state. */
  constructor(seed: number) {
    this.a = mix32(seed >>> 0);
    this.b = mix32(this.a ^ Math.floor(seed / 0x100000000));
    this.c = mix32(this.b);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.uint32() / 0x100000000;
  }

  /** A uniform whole number in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** An exponentially distributed number with the given mean (Poisson inter-arrival times). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A log-normally distributed number with the given median and spread (`sigma` of the log). */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.next();
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * normal);
  }

  /** A random (version 4) UUID, lower-case, as Snowplow writes event and session ids. */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = this.uint32();
    const w2 = this.uint32();
    const w3 = this.uint32();
    const b = [
      w0 >>> 24, (w0 >>> 16) & 255, (w0 >>> 8) & 255, w0 & 255,
      w1 >>> 24, (w1 >>> 16) & 255, ((w1 >>> 8) & 0x0f) | 0x40, w1 & 255,
      ((w2 >>> 24) & 0x3f) | 0x80, (w2 >>> 16) & 255, (w2 >>> 8) & 255, w2 & 255,
      w3 >>> 24, (w3 >>> 16) & 255, (w3 >>> 8) & 255, w3 & 255,
    ];
    const h = b.map((x) => HEX[x]);
    return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
  }

  /** Shuffles a copy of `items` (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
