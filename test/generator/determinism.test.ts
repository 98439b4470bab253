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
  it('starts the sessions per minute it is asked for, even when favourite visitors are busy', () => {
    // 25 sessions a minute over 1,500 visitors keeps many Zipf favourites inside a session; the
    // arrival must go to a free visitor rather than be lost (which gave 21 a minute).
    const firstSeen = new Map<string, number>();
    for (const e of generateEvents({ events: 60_000, seed: 3, sessionsPerMinute: 25, users: 1500 })) {
      const id = e.event.domain_sessionid;
      if (id !== null && !firstSeen.has(id)) firstSeen.set(id, e.eventTimeMs);
    }
    const start = Date.UTC(2026, 10, 22, 10);
    const started = [...firstSeen.values()].filter((t) => t >= start + 10 * 60_000 && t < start + 100 * 60_000).length;
    expect(started / 90).toBeGreaterThan(24);
    expect(started / 90).toBeLessThan(26);
  });
});
