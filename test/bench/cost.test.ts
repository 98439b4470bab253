import { describe, expect, it } from 'vitest';
import { CostInputError, estimateCost, MEASURED, PRICES } from '../../bench/cost/index';

const lineOf = (lines: readonly { service: string; item: string; usd: number; quantity: number }[], item: string) => {
  const found = lines.find((l) => l.item === item);
  if (!found) throw new Error(`no line "${item}"`);
  return found;
};

describe('estimateCost', () => {
  it('prices a million events from the measured figures, recomputed here by hand', () => {
    // GIVEN the defaults WHEN estimated THEN each line is the README's arithmetic
    const { perMillionEvents } = estimateCost();
    const lines = perMillionEvents.lines;
    // 3,331-byte events bill as 4 KB in Kinesis: 1e6 × 4096 B = 3.8147 GB written, read by 3 consumers.
    expect(lineOf(lines, 'data written').quantity).toBeCloseTo((1e6 * 4096) / 1024 ** 3, 9);
    expect(lineOf(lines, 'data read').usd).toBeCloseTo(((3 * 1e6 * 4096) / 1024 ** 3) * 0.04, 9);
    // Feature Store: 1,037.7 PutRecords per 1,000 events, one write unit each, $1.25 a million.
    expect(lineOf(lines, 'PutRecord writes').usd).toBeCloseTo(1.297125, 9);
    // Feature state: every item is billed, BatchWriteItem or not: 1,037.7 WRU per 1,000 events.
    expect(lineOf(lines, 'feature state writes').quantity).toBeCloseTo(1_037_700, 6);
    // Lambda: 1,262 µs of CPU at 1024 MB (1024/1769 of a vCPU) is at least 2,180 GB-s per million events.
    expect(lineOf(lines, 'feature function duration (lower bound)').quantity).toBeCloseTo((1e6 * 1262e-6 * 1769) / 1024, 6);
    // Firehose bills 5 KB per 3,331-byte record.
    expect(lineOf(lines, 'ingestion').quantity).toBeCloseTo((1e6 * 5 * 1024) / 1024 ** 3, 9);
    expect(perMillionEvents.totalUsd).toBeCloseTo(lines.reduce((s, l) => s + l.usd, 0), 12);
    expect(perMillionEvents.totalUsd).toBeGreaterThan(3);
    expect(perMillionEvents.totalUsd).toBeLessThan(3.5);
  });

  it('keeps fixed monthly costs apart from traffic: the endpoint is two ml.m5.large for 730 hours', () => {
    const { fixedPerMonth } = estimateCost({ measured: { putRecordsPer1000: 1 } });
    expect(lineOf(fixedPerMonth.lines, 'propensity endpoint').usd).toBeCloseTo(2 * 730 * PRICES.sagemakerMl5LargeHour.usd, 9);
    expect(fixedPerMonth.totalUsd).toBeCloseTo(estimateCost().fixedPerMonth.totalUsd, 9);
  });

  it('follows the assumptions: several events per Kinesis record round up once, dense sketches cost more WRU', () => {
    const packed = estimateCost({ assumptions: { eventsPerRecord: 3 } }).perMillionEvents.lines;
    // 3 × 3,331 B = 9,993 B → 10 KB per record, 333,333.3 records.
    expect(lineOf(packed, 'data written').quantity).toBeCloseTo(((1e6 / 3) * 10 * 1024) / 1024 ** 3, 9);
    const dense = estimateCost({ assumptions: { wruPerReportWrite: 16 } }).perMillionEvents.lines;
    expect(lineOf(dense, 'report writes').usd).toBeCloseTo(16 * lineOf(estimateCost().perMillionEvents.lines, 'report writes').usd, 9);
  });

  it('bills the feature state by its items\' sizes: whole KB a write, 4 KB a read, products read twice', () => {
    // GIVEN the sizes a 4-minute soak measured (users 1.7 KB, products 18.6 KB, weighted by writes)
    const lines = estimateCost({ assumptions: { userStateItemKb: 1.7, productStateItemKb: 18.6 } }).perMillionEvents.lines;
    // THEN 962 user items × 2 WRU + 75.7 products × 19 WRU, and 962 × 1 RRU + 2 × 75.7 × 5 RRU, per 1,000 events
    expect(lineOf(lines, 'feature state writes').quantity).toBeCloseTo((962 * 2 + 75.7 * 19) * 1000, 6);
    expect(lineOf(lines, 'feature state reads').quantity).toBeCloseTo((962 * 1 + 2 * 75.7 * 5) * 1000, 6);
    expect(lineOf(lines, 'feature state writes').usd).toBeCloseTo(((962 * 2 + 75.7 * 19) * 1000 * 0.625) / 1e6, 9);
    // GIVEN the measured mean of a user write instead (1.41 units), THEN users bill that, reads stay by size
    const measured = estimateCost({ assumptions: { userStateItemKb: 1.7, wruPerUserWrite: 1.41 } }).perMillionEvents.lines;
    expect(lineOf(measured, 'feature state writes').quantity).toBeCloseTo((962 * 1.41 + 75.7 * 1) * 1000, 6);
    expect(lineOf(measured, 'feature state reads').quantity).toBeCloseTo((962 * 1 + 2 * 75.7 * 1) * 1000, 6);
    expect(() => estimateCost({ assumptions: { wruPerUserWrite: 0 } })).toThrow('invalid assumptions.wruPerUserWrite: expected a finite number > 0, got 0');
    // and at the defaults (1 KB each), one unit an item as before
    expect(lineOf(estimateCost().perMillionEvents.lines, 'feature state reads').quantity).toBeCloseTo((962 + 2 * 75.7) * 1000, 6);
  });

  it('refuses an unusable figure, naming it', () => {
    expect(() => estimateCost({ assumptions: { eventsPerRecord: 0 } })).toThrow(CostInputError);
    expect(() => estimateCost({ assumptions: { eventsPerRecord: 1.5 } })).toThrow('invalid assumptions.eventsPerRecord: expected a whole number, got 1.5');
    expect(() => estimateCost({ measured: { eventBytes: Number.NaN } })).toThrow('invalid measured.eventBytes: expected a finite number > 0, got null');
    expect(MEASURED.eventBytes).toBe(3331);
  });
});
