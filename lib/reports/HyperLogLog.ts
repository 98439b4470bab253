import { HLL_PRECISION, HLL_SPARSE_LIMIT } from './constants';
import { InvalidSketchError } from './errors';
import { estimateRegisters } from './estimateRegisters';
import { HASH_SEEDS, hashString } from './hashString';

const REGISTERS = 1 << HLL_PRECISION;
const INDEX_SHIFT = 32 - HLL_PRECISION;
const LOW_BITS_MASK = (1 << INDEX_SHIFT) - 1;
/** The largest rank: the 64 - p bits after the index all zero. */
const MAX_RANK = 64 - HLL_PRECISION + 1;
/** Format bytes of {@link HyperLogLog.toBytes}. */
const FORMAT = { dense: 1, denseAsList: 2, sparse: 3 } as const;

/** The rank of a 64-bit hash at precision p: 1 + the leading zeros of the bits after the index. */
function rankOf(high: number, low: number): number {
  const rest = high & LOW_BITS_MASK;
  return rest !== 0 ? Math.clz32(rest) - HLL_PRECISION + 1 : low !== 0 ? INDEX_SHIFT + Math.clz32(low) + 1 : MAX_RANK;
}

/**
 * A HyperLogLog sketch of distinct strings over a 64-bit hash (two 32-bit MurmurHash3s), in two
 * representations, as HyperLogLog++ does:
 * - sparse, while it has at most {@link HLL_SPARSE_LIMIT} distinct hashes: the set of their high
 *   32 bits (with each one's rank), so small counts (a minute's visitors) are exact unless two
 *   values share 32 bits of hash;
 * - dense beyond: 2^14 one-byte registers, a standard error of 1.04 / 128, about 0.8%, estimated
 *   with Ertl's corrections (see {@link estimateRegisters}).
 *
 * Merging is a union (sparse) or a register-wise max (dense), and whether the result is dense
 * depends only on the union's size, so merging is commutative, associative and idempotent: a
 * sketch may be merged into a stored one any number of times.
 *
 * @example
 * const visitors = new HyperLogLog();
 * visitors.add('bc2e92ec-6c20-4a14-9f1e-000000000001');
 * visitors.estimate(); // 1
 * @see https://research.google/pubs/hyperloglog-in-practice-algorithmic-engineering-of-a-state-of-the-art-cardinality-estimation-algorithm/
 */
export class HyperLogLog {
  /** Sparse: rank by the high 32 bits of each hash; null once dense. */
  private sparse: Map<number, number> | null;
  /** Dense registers; null while sparse. */
  private dense: Uint8Array | null;

  /** An empty sketch. */
  constructor() {
    this.sparse = new Map();
    this.dense = null;
  }

  /** Whether it holds registers (true) or the set of hashes (false). */
  get isDense(): boolean {
    return this.dense !== null;
  }

  /** The 2^14 registers (computed from the hashes while sparse): what a dense sketch would hold. */
  get registers(): Uint8Array {
    if (this.dense !== null) return this.dense;
    const registers = new Uint8Array(REGISTERS);
    for (const [high, rank] of this.sparse!) {
      const index = high >>> INDEX_SHIFT;
      if (rank > registers[index]!) registers[index] = rank;
    }
    return registers;
  }

  /** Adds a value; returns whether the sketch changed. */
  add(value: string): boolean {
    return this.addHash(hashString(value, HASH_SEEDS.hllHigh), hashString(value, HASH_SEEDS.hllLow));
  }

  /** Adds a 64-bit hash given as two uint32 halves; returns whether the sketch changed. */
  addHash(high: number, low: number): boolean {
    return this.put(high >>> 0, rankOf(high, low));
  }

  /** Merges another sketch into this one; returns whether this one changed. */
  merge(other: HyperLogLog): boolean {
    if (other.sparse !== null) {
      let changed = false;
      for (const [high, rank] of other.sparse) if (this.put(high, rank)) changed = true;
      return changed;
    }
    const wasSparse = this.sparse !== null;
    const mine = this.densify();
    const theirs = other.dense!;
    let changed = wasSparse;
    for (let i = 0; i < REGISTERS; i++) {
      if (theirs[i]! > mine[i]!) {
        mine[i] = theirs[i]!;
        changed = true;
      }
    }
    return changed;
  }

  /** The estimated number of distinct values added (exact while sparse, barring 32-bit hash collisions). */
  estimate(): number {
    return this.sparse !== null ? this.sparse.size : estimateRegisters(this.dense!, MAX_RANK);
  }

  /** A copy. */
  clone(): HyperLogLog {
    const copy = new HyperLogLog();
    copy.sparse = this.sparse === null ? null : new Map(this.sparse);
    copy.dense = this.dense === null ? null : this.dense.slice();
    return copy;
  }

  /**
   * The sketch as bytes, the same bytes for the same content: `03` and (high 32 bits BE, rank)
   * per hash in ascending order while sparse; when dense, `01` and the 16,384 registers, or `02`
   * and (index uint16 BE, rank) per non-empty register when that is shorter.
   */
  toBytes(): Uint8Array {
    if (this.sparse !== null) {
      const out = new Uint8Array(1 + this.sparse.size * 5);
      const view = new DataView(out.buffer);
      out[0] = FORMAT.sparse;
      let at = 1;
      for (const high of [...this.sparse.keys()].sort((a, b) => a - b)) {
        view.setUint32(at, high);
        out[at + 4] = this.sparse.get(high)!;
        at += 5;
      }
      return out;
    }
    const registers = this.dense!;
    let used = 0;
    for (let i = 0; i < REGISTERS; i++) if (registers[i] !== 0) used++;
    if (used * 3 >= REGISTERS) {
      const out = new Uint8Array(1 + REGISTERS);
      out[0] = FORMAT.dense;
      out.set(registers, 1);
      return out;
    }
    const out = new Uint8Array(1 + used * 3);
    out[0] = FORMAT.denseAsList;
    let at = 1;
    for (let i = 0; i < REGISTERS; i++) {
      if (registers[i] === 0) continue;
      out[at] = i >>> 8;
      out[at + 1] = i & 0xff;
      out[at + 2] = registers[i]!;
      at += 3;
    }
    return out;
  }

  /**
   * Reads {@link toBytes}'s output.
   * @param source Where the bytes came from, for the error message.
   * @throws InvalidSketchError naming the source when the bytes are not a sketch.
   */
  static fromBytes(bytes: Uint8Array, source = 'sketch'): HyperLogLog {
    const sketch = new HyperLogLog();
    const format = bytes[0];
    const rank = (r: number, what: string) => {
      if (r < 1 || r > MAX_RANK) throw new InvalidSketchError(source, `${what} holds rank ${r}, not 1 to ${MAX_RANK}`);
      return r;
    };
    if (format === FORMAT.sparse) {
      if ((bytes.length - 1) % 5 !== 0) throw new InvalidSketchError(source, `sparse sketch of ${bytes.length} bytes is not 1 + 5n`);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let at = 1; at < bytes.length; at += 5) sketch.put(view.getUint32(at), rank(bytes[at + 4]!, `hash ${view.getUint32(at)}`));
      return sketch;
    }
    if (format === FORMAT.dense) {
      if (bytes.length !== 1 + REGISTERS) throw new InvalidSketchError(source, `dense sketch of ${bytes.length} bytes, expected ${1 + REGISTERS}`);
      const registers = bytes.slice(1);
      registers.forEach((r, i) => r !== 0 && rank(r, `register ${i}`));
      sketch.sparse = null;
      sketch.dense = registers;
      return sketch;
    }
    if (format === FORMAT.denseAsList) {
      if ((bytes.length - 1) % 3 !== 0) throw new InvalidSketchError(source, `register list of ${bytes.length} bytes is not 1 + 3n`);
      const registers = new Uint8Array(REGISTERS);
      for (let at = 1; at < bytes.length; at += 3) {
        const index = (bytes[at]! << 8) | bytes[at + 1]!;
        if (index >= REGISTERS) throw new InvalidSketchError(source, `register index ${index} is out of range`);
        registers[index] = rank(bytes[at + 2]!, `register ${index}`);
      }
      sketch.sparse = null;
      sketch.dense = registers;
      return sketch;
    }
    throw new InvalidSketchError(source, `unknown format byte ${format === undefined ? '(empty)' : format}`);
  }

  /** Adds one hash (its high 32 bits and rank); returns whether the sketch changed. */
  private put(high: number, rank: number): boolean {
    if (this.sparse !== null) {
      const current = this.sparse.get(high);
      if (current !== undefined && current >= rank) return false;
      this.sparse.set(high, rank);
      if (this.sparse.size > HLL_SPARSE_LIMIT) this.densify();
      return true;
    }
    const index = high >>> INDEX_SHIFT;
    if (rank <= this.dense![index]!) return false;
    this.dense![index] = rank;
    return true;
  }

  /** Turns a sparse sketch dense (no change in what it counts beyond the precision); returns the registers. */
  private densify(): Uint8Array {
    if (this.dense === null) {
      this.dense = this.registers;
      this.sparse = null;
    }
    return this.dense;
  }
}

