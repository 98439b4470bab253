import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HyperLogLog, InvalidSketchError } from '../../../lib/reports';

const sketchOf = (values: readonly string[]): HyperLogLog => {
  const s = new HyperLogLog();
  for (const v of values) s.add(v);
  return s;
};
const merged = (...sketches: HyperLogLog[]): HyperLogLog => {
  const out = new HyperLogLog();
  for (const s of sketches) out.merge(s);
  return out;
};
/** Equal content: the bytes are canonical (a Buffer compare: toEqual on 16 KiB is slow). */
const same = (a: HyperLogLog, b: HyperLogLog): boolean => Buffer.from(a.toBytes()).equals(Buffer.from(b.toBytes()));
const values = fc.array(fc.string({ maxLength: 12 }), { maxLength: 200 });
/** Sets of values on both sides of the sparse limit (3,000): ranges of `v<i>`. */
const ranges = fc.tuple(fc.nat(5000), fc.nat(3500)).map(([from, length]) => Array.from({ length }, (_, i) => `v${from + i}`));

describe('HyperLogLog', () => {
  it('estimates 10,000 distinct visitor ids within 2%', () => {
    const s = sketchOf(Array.from({ length: 10_000 }, (_, i) => `bc2e92ec-6c20-4a14-9f1e-${String(i).padStart(12, '0')}`));
    expect(Math.abs(s.estimate() - 10_000) / 10_000).toBeLessThan(0.02);
  });

  it('estimates 50,000 distinct values (where the classic estimator is biased) within 2%', () => {
    const s = sketchOf(Array.from({ length: 50_000 }, (_, i) => `user-${i}`));
    expect(Math.abs(s.estimate() - 50_000) / 50_000).toBeLessThan(0.02);
  });

  it('estimates 200,000 distinct values within 2%', () => {
    const s = sketchOf(Array.from({ length: 200_000 }, (_, i) => `session-${i}`));
    expect(Math.abs(s.estimate() - 200_000) / 200_000).toBeLessThan(0.02);
  });

  it('counts repeats once, and an empty sketch is 0', () => {
    expect(new HyperLogLog().estimate()).toBe(0);
    const s = sketchOf(['a', 'b', 'a', 'c', 'b', 'a']);
    expect(s.estimate()).toBe(3);
  });

  it('add reports whether the sketch changed', () => {
    const s = new HyperLogLog();
    expect(s.add('x')).toBe(true);
    expect(s.add('x')).toBe(false);
  });

  it('merge is commutative, associative and idempotent (property)', () => {
    fc.assert(
      fc.property(values, values, values, (a, b, c) => {
        const [sa, sb, sc] = [sketchOf(a), sketchOf(b), sketchOf(c)];
        expect(same(merged(sa, sb), merged(sb, sa))).toBe(true);
        expect(same(merged(merged(sa, sb), sc), merged(sa, merged(sb, sc)))).toBe(true);
        expect(same(merged(sa, sa), sa)).toBe(true);
        const twice = merged(sa, sb);
        expect(twice.merge(sb)).toBe(false);
        expect(same(twice, merged(sa, sb))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a merge of sketches equals the sketch of the union (property)', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        expect(same(merged(sketchOf(a), sketchOf(b)), sketchOf([...a, ...b]))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps hashes exactly up to 3,000 values (5 bytes each), then registers', () => {
    const small = sketchOf(Array.from({ length: 3000 }, (_, i) => `v${i}`));
    expect(small.isDense).toBe(false);
    expect(small.estimate()).toBe(3000);
    const smallBytes = small.toBytes();
    expect([smallBytes[0], smallBytes.length]).toEqual([3, 1 + 5 * 3000]);
    expect(same(HyperLogLog.fromBytes(smallBytes), small)).toBe(true);
    const large = sketchOf(Array.from({ length: 3001 }, (_, i) => `v${i}`));
    expect(large.isDense).toBe(true);
    const largeBytes = large.toBytes();
    expect(largeBytes[0]).toBe(2);
    expect(largeBytes.length % 3).toBe(1);
    expect(same(HyperLogLog.fromBytes(largeBytes), large)).toBe(true);
    const full = sketchOf(Array.from({ length: 20_000 }, (_, i) => `v${i}`));
    expect([full.toBytes()[0], full.toBytes().length]).toEqual([1, 16_385]);
    expect(same(HyperLogLog.fromBytes(full.toBytes()), full)).toBe(true);
  });

  it('a sparse sketch turned dense holds the registers a dense one would', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `v${i}`);
    const dense = sketchOf(values);
    const sparse = sketchOf(values.slice(0, 2000));
    expect(Buffer.from(sketchOf(values.slice(0, 2000)).registers).equals(Buffer.from(sparse.registers))).toBe(true);
    sparse.merge(sketchOf(values.slice(2000)));
    expect(sparse.isDense).toBe(true);
    expect(same(sparse, dense)).toBe(true);
  });

  it('merge is commutative, associative and idempotent across the sparse limit (property)', () => {
    fc.assert(
      fc.property(ranges, ranges, ranges, (a, b, c) => {
        const [sa, sb, sc] = [sketchOf(a), sketchOf(b), sketchOf(c)];
        expect(same(merged(sa, sb), merged(sb, sa))).toBe(true);
        expect(same(merged(merged(sa, sb), sc), merged(sa, merged(sb, sc)))).toBe(true);
        expect(same(merged(sa, sa), sa)).toBe(true);
        expect(same(merged(sketchOf(a), sketchOf(b)), sketchOf([...a, ...b]))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('round-trips any sketch through bytes (property)', () => {
    fc.assert(
      fc.property(values, (a) => {
        const s = sketchOf(a);
        expect(same(HyperLogLog.fromBytes(s.toBytes()), s)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bytes that are not a sketch, naming where they came from', () => {
    expect(() => HyperLogLog.fromBytes(new Uint8Array([7]), 'item visitors#minute/x attribute hll')).toThrow(
      new InvalidSketchError('item visitors#minute/x attribute hll', 'unknown format byte 7'),
    );
    expect(() => HyperLogLog.fromBytes(new Uint8Array([2, 0, 1]))).toThrow('register list of 3 bytes is not 1 + 3n');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([2, 0xff, 0xff, 1]))).toThrow('register index 65535 is out of range');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([2, 0, 1, 60]))).toThrow('register 1 holds rank 60, not 1 to 51');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([3, 0, 0, 0, 9]))).toThrow('sparse sketch of 5 bytes is not 1 + 5n');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([3, 0, 0, 0, 9, 0]))).toThrow('hash 9 holds rank 0, not 1 to 51');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([1, 0]))).toThrow('dense sketch of 2 bytes, expected 16385');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([]))).toThrow('unknown format byte (empty)');
  });
});
