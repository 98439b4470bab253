/** The bias constant for an unbounded number of registers, 1 / (2 ln 2). */
const ALPHA_INFINITY = 1 / (2 * Math.LN2);

/** Ertl's sigma: the correction for empty registers (infinite when all are empty). */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const previous = z;
    z += x * y;
    y += y;
    if (z === previous) return z;
  }
}

/** Ertl's tau: the correction for registers at the maximum rank. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
    if (z === previous) return z / 3;
  }
}

/**
 * The cardinality estimate of HyperLogLog registers by Ertl's improved estimator: the raw
 * harmonic mean with the registers at 0 and at the maximum rank corrected analytically (sigma and
 * tau). It is linear counting for small counts and stays unbiased through the range (around
 * 2.5 m) where the classic switch from linear counting to the raw estimate is off by 2% or more.
 *
 * @param maxRank The largest rank a register can hold (64 - p + 1 for a 64-bit hash).
 * @see https://arxiv.org/abs/1702.01284 (O. Ertl, New cardinality estimation algorithms for HyperLogLog sketches, algorithm 6)
 */
export function estimateRegisters(registers: Uint8Array, maxRank: number): number {
  const m = registers.length;
  const histogram = new Float64Array(maxRank + 1);
  for (let i = 0; i < m; i++) histogram[registers[i]!]!++;
  let z = m * tau(1 - histogram[maxRank]! / m);
  for (let k = maxRank - 1; k >= 1; k--) z = 0.5 * (z + histogram[k]!);
  z += m * sigma(histogram[0]! / m);
  return (ALPHA_INFINITY * m * m) / z;
}
