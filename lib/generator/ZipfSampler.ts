import type { Rng } from './Rng';

/**
 * Draws ranks 0..n-1 with Zipf's law: rank k has weight 1/(k+1)^exponent, so a few pages and
 * products take most of the traffic, as on a real shop.
 *
 * @example
 * ```ts
 * const popular = new ZipfSampler(200, 1.1);
 * products[popular.sample(rng)];
 * ```
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  /**
   * @param n how many ranks (at least 1)
   * @param exponent the skew; 0 is uniform, about 1 is typical of web pages
   */
  constructor(n: number, exponent: number) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / Math.pow(k + 1, exponent);
      this.cumulative[k] = total;
    }
  }

  /** How many ranks the sampler draws from. */
  get size(): number {
    return this.cumulative.length;
  }

  /** One rank in [0, n). */
  sample(rng: Rng): number {
    const c = this.cumulative;
    const target = rng.next() * (c[c.length - 1] as number);
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
