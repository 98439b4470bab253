import { describe, expect, it } from 'vitest';
import { Rng, deriveSeed } from '../../lib/generator';
import { ZipfSampler } from '../../lib/generator/ZipfSampler';

describe('seeded randomness', () => {
  it('sfc32 gives the same numbers for the same seed on every machine', () => {
    const rng = new Rng(1);
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([3117325731, 466411961, 754613687]);
    expect(new Rng(1).uuid()).toBe('b9ce9da3-1bcc-41b9-acfa-7db7affd5fdc');
  });

  it('derived seeds differ by label, index and the high bits of the seed', () => {
    expect(deriveSeed(1, 'traffic')).toBe(2811821996);
    expect(deriveSeed(1, 'traffic', 1)).toBe(838175791);
    expect(deriveSeed(2 ** 40 + 1, 'x')).not.toBe(deriveSeed(1, 'x'));
  });

  it('draws stay in range and UUIDs are version 4', () => {
    const rng = new Rng(5);
    const ints = Array.from({ length: 2_000 }, () => rng.int(3, 7));
    expect([...new Set(ints)].sort()).toEqual([3, 4, 5, 6, 7]);
    for (let i = 0; i < 200; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.shuffled([1, 2, 3, 4, 5, 6]).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('Zipf ranks follow 1/k: rank 1 about twice rank 2 and five times rank 5', () => {
    const zipf = new ZipfSampler(5, 1);
    const rng = new Rng(7);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[zipf.sample(rng)]!++;
    expect(counts).toEqual([43836, 21997, 14691, 10801, 8675]);
    expect(counts[0]! / counts[1]!).toBeCloseTo(2, 1);
    expect(counts[0]! / counts[4]!).toBeCloseTo(5, 0);
  });
});
