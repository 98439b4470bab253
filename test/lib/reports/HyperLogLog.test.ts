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
/** Register-wise equality (a Buffer compare: toEqual on 16,384 elements is slow). */
const same = (a: HyperLogLog, b: HyperLogLog): boolean => Buffer.from(a.registers).equals(Buffer.from(b.registers));
const values = fc.array(fc.string({ maxLength: 12 }), { maxLength: 200 });

describe('HyperLogLog', () => {
  it('estimates 10,000 distinct visitor ids within 2%', () => {
    const s = sketchOf(Array.from({ length: 10_000 }, (_, i) => `bc2e92ec-6c20-4a14-9f1e-${String(i).padStart(12, '0')}`));
    expect(Math.abs(s.estimate() - 10_000) / 10_000).toBeLessThan(0.02);
  });

  it('estimates 200,000 distinct values (above the linear-counting range) within 2%', () => {
    const s = sketchOf(Array.from({ length: 200_000 }, (_, i) => `session-${i}`));
    expect(Math.abs(s.estimate() - 200_000) / 200_000).toBeLessThan(0.02);
  });

  it('counts repeats once, and an empty sketch is 0', () => {
    expect(new HyperLogLog().estimate()).toBe(0);
    const s = sketchOf(['a', 'b', 'a', 'c', 'b', 'a']);
    expect(Math.round(s.estimate())).toBe(3);
  });

  it('add reports whether a register changed', () => {
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

  it('round-trips through bytes, sparse when small and dense when large', () => {
    const small = sketchOf(['a', 'b', 'c']);
    const smallBytes = small.toBytes();
    expect(smallBytes[0]).toBe(2);
    expect(smallBytes.length).toBe(1 + 3 * 3);
    expect(HyperLogLog.fromBytes(smallBytes).registers).toEqual(small.registers);
    const large = sketchOf(Array.from({ length: 20_000 }, (_, i) => `v${i}`));
    const largeBytes = large.toBytes();
    expect(largeBytes[0]).toBe(1);
    expect(largeBytes.length).toBe(16_385);
    expect(HyperLogLog.fromBytes(largeBytes).registers).toEqual(large.registers);
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
    expect(() => HyperLogLog.fromBytes(new Uint8Array([2, 0, 1]))).toThrow('sparse sketch of 3 bytes is not 1 + 3n');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([2, 0xff, 0xff, 1]))).toThrow('register index 65535 is out of range');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([2, 0, 1, 60]))).toThrow('register 1 holds rank 60, above 51');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([1, 0]))).toThrow('dense sketch of 2 bytes, expected 16385');
    expect(() => HyperLogLog.fromBytes(new Uint8Array([]))).toThrow('unknown format byte (empty)');
  });
});
