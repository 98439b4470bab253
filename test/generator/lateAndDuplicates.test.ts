import { describe, expect, it } from 'vitest';
import { InvalidGeneratorOptionError, generateEvents } from '../../lib/generator';
import { readTimestamp, splitRow } from './helpers';

const N = 10_000;
const run = () => [...generateEvents({ events: N, seed: 33, lateRatio: 0.1, duplicateRatio: 0.05 })];
const generated = run();

describe('late events and duplicates', () => {
  it('honours the ratios roughly, and exactly the same way on every run', () => {
    const late = generated.filter((g) => g.late && !g.duplicate).length;
    const duplicates = generated.filter((g) => g.duplicate).length;
    expect(generated).toHaveLength(N);
    expect(late / N).toBeGreaterThan(0.08);
    expect(late / N).toBeLessThan(0.11);
    expect(duplicates / N).toBeGreaterThan(0.04);
    expect(duplicates / N).toBeLessThan(0.06);
    const again = run();
    expect(again.map((g) => `${g.late}${g.duplicate}`)).toEqual(generated.map((g) => `${g.late}${g.duplicate}`));
    expect(again.map((g) => g.line)).toEqual(generated.map((g) => g.line));
  });

  it('a duplicate is the exact same line as an earlier one, emitted within the next minute', () => {
    const seen = new Map<string, { line: string; collector: number; index: number }>();
    let found = 0;
    generated.forEach((g, index) => {
      const row = splitRow(g.line);
      const earlier = seen.get(row.event_id);
      expect(earlier !== undefined).toBe(g.duplicate);
      if (earlier === undefined) {
        seen.set(row.event_id, { line: g.line, collector: readTimestamp(row.collector_tstamp), index });
        return;
      }
      found++;
      expect(g.line).toBe(earlier.line);
      expect(index).toBeGreaterThan(earlier.index);
      const previous = splitRow(generated[index - 1]!.line);
      expect(readTimestamp(previous.collector_tstamp) - earlier.collector).toBeLessThanOrEqual(60_000);
    });
    expect(found).toBe(generated.filter((g) => g.duplicate).length);
  });

  it('a late event was created minutes before it was sent, so its event time lies minutes before its neighbours', () => {
    let late = 0;
    let lastOnTime: (typeof generated)[number] | undefined;
    generated.forEach((g) => {
      const row = splitRow(g.line);
      const heldMs = readTimestamp(row.dvce_sent_tstamp) - readTimestamp(row.dvce_created_tstamp);
      // On-time events leave the tracker within 1.5 s; offline-queued ones a minute or more later.
      expect(heldMs >= 60_000).toBe(g.late);
      expect(heldMs <= 1_500 || heldMs >= 60_000).toBe(true);
      if (!g.late) lastOnTime = g;
      if (!g.late || g.duplicate || lastOnTime === undefined) return;
      late++;
      const neighbour = splitRow(lastOnTime.line);
      expect(readTimestamp(neighbour.derived_tstamp) - readTimestamp(row.derived_tstamp)).toBeGreaterThan(55_000);
      expect(g.eventTimeMs).toBe(readTimestamp(row.derived_tstamp));
      expect(g.collectorTimeMs - g.eventTimeMs).toBeGreaterThanOrEqual(60_000);
    });
    expect(late).toBeGreaterThan(800);
  });

  it('without ratios there are no late events and no duplicates', () => {
    const plain = [...generateEvents({ events: 2_000, seed: 33 })];
    expect(plain.filter((g) => g.late || g.duplicate)).toEqual([]);
    expect(new Set(plain.map((g) => g.event.event_id)).size).toBe(2_000);
  });

  it('rejects ratios that leave no room for on-time events, and other out-of-range options, naming the option', () => {
    expect(() => generateEvents({ lateRatio: 0.5, duplicateRatio: 0.5 })).toThrow(InvalidGeneratorOptionError);
    expect(() => generateEvents({ lateRatio: 0.5, duplicateRatio: 0.5 })).toThrow('lateRatio + duplicateRatio: expected a sum below 1');
    expect(() => generateEvents({ lateRatio: 1.5 })).toThrow('lateRatio: expected a ratio between 0 and 1, got 1.5');
    expect(() => generateEvents({ events: -1 })).toThrow('events: expected a whole number of at least 0, or Infinity, got -1');
    expect(() => generateEvents({ users: 0 })).toThrow('users: expected a whole number from 1 to 1000000, got 0');
    expect(() => generateEvents({ seed: 1.5 })).toThrow('seed: expected a whole number of at least 0, got 1.5');
  });
});
