import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildCatalog, generateEvents } from '../../lib/generator';

const digest = (options: Parameters<typeof generateEvents>[0]): string => {
  const hash = createHash('sha256');
  for (const { line } of generateEvents(options)) hash.update(`${line}\n`);
  return hash.digest('hex');
};

describe('determinism', () => {
  it('the same seed gives byte-identical output', () => {
    const options = { events: 1_500, seed: 42, lateRatio: 0.05, duplicateRatio: 0.03 };
    expect(digest(options)).toBe(digest(options));
  });

  it('a different seed gives different output, of the same length', () => {
    const a = [...generateEvents({ events: 300, seed: 1 })].map((g) => g.line);
    const b = [...generateEvents({ events: 300, seed: 2 })].map((g) => g.line);
    expect(a).toHaveLength(300);
    expect(b).toHaveLength(300);
    expect(a.filter((line, i) => line === b[i])).toEqual([]);
  });

  it('the default seed is 1 and the default start 2026-11-22T10:00:00Z', () => {
    expect(digest({ events: 200 })).toBe(digest({ events: 200, seed: 1, start: new Date('2026-11-22T10:00:00Z') }));
    const first = generateEvents({ events: 1 }).next();
    if (first.done) throw new Error('no event');
    expect(first.value.collectorTimeMs - Date.parse('2026-11-22T10:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(first.value.collectorTimeMs - Date.parse('2026-11-22T10:00:00Z')).toBeLessThan(5_000);
  });

  it('a prefix of a longer run is the shorter run (N only cuts the stream)', () => {
    const short = [...generateEvents({ events: 400, seed: 5, duplicateRatio: 0.1 })].map((g) => g.line);
    const long = [...generateEvents({ events: 800, seed: 5, duplicateRatio: 0.1 })].map((g) => g.line);
    expect(long.slice(0, 400)).toEqual(short);
  });

  it('the catalogue is the same for every traffic seed and call', () => {
    const a = buildCatalog();
    const b = buildCatalog({ seed: 1, products: 240, customers: 800 });
    expect(a).toEqual(b);
    expect(a.products).toHaveLength(240);
    expect(a.customers).toHaveLength(800);
    expect(a.products[41]!.sku).toBe('SKU-00042');
    expect(a.customers[122]!.id).toBe('cust-000123');
    expect(new Set(a.products.map((p) => p.name)).size).toBe(240);
    expect(buildCatalog({ seed: 2 }).products.map((p) => p.name)).not.toEqual(a.products.map((p) => p.name));
  });
});

describe('steady traffic', () => {
  it('keeps its arrival rate over a long run with the default 1,000 visitors', async () => {
    const generate = generateEvents;
    const perTenMinutes = new Map<number, number>();
    const start = Date.UTC(2026, 10, 22, 10);
    for (const e of generate({ events: 40_000, seed: 3 })) {
      const slot = Math.floor((e.eventTimeMs - start) / 600_000);
      perTenMinutes.set(slot, (perTenMinutes.get(slot) ?? 0) + 1);
    }
    // Compare the first hour with the third: without reuse of free visitors the rate halved.
    const sum = (from: number, to: number) => [...perTenMinutes].filter(([s]) => s >= from && s < to).reduce((a, [, n]) => a + n, 0);
    expect(sum(12, 18) / sum(0, 6)).toBeGreaterThan(0.8);
  });
});
