import { describe, expect, it } from 'vitest';
import { slimEvent } from '../../bench/soak/index';
import { SoakTraffic } from '../../bench/soak/SoakTraffic';
import { generateEvents } from '../../lib/generator';
import { expectedView } from '../handlers/helpers';
import { expectedProductActivity, expectedUserActivity } from '../lib/features/truth';

/** Every record a traffic hands out over `seconds` of its clock, and the traffic. */
function drain(traffic: SoakTraffic, seconds: number) {
  const t0 = 1_800_000_000_000;
  traffic.begin(t0);
  return traffic.take(t0 + seconds * 1000);
}

const eventIdOf = (data: Uint8Array | undefined): string => Buffer.from(data!).toString().split('\t')[6]!;

describe('the soak traffic', () => {
  it('slim events give the reports and features truths exactly what whole events give', () => {
    const whole = [...generateEvents({ events: 4_000, seed: 3, users: 300, sessionsPerMinute: 40, lateRatio: 0.05, duplicateRatio: 0.02 })];
    const slim = whole.map(slimEvent);

    expect(slim.some((g) => g.late) && slim.some((g) => g.duplicate)).toBe(true);
    for (const granularity of ['minute', 'hour'] as const) expect(expectedView(slim, granularity)).toEqual(expectedView(whole, granularity));
    expect(expectedUserActivity(slim)).toEqual(expectedUserActivity(whole));
    expect(expectedProductActivity(slim)).toEqual(expectedProductActivity(whole));
  });

  it('hands out each due event once, in order, keyed by domain_userid, and keeps it for the truth', () => {
    const traffic = new SoakTraffic({ rate: 20, seed: 5 });
    const records = drain(traffic, 30);

    expect(records.length).toBeGreaterThan(300);
    expect(records.every((r) => r.generated)).toBe(true);
    expect(traffic.truth.map((g) => g.event.event_id)).toEqual(records.map((r) => eventIdOf(r.entry.Data)));
    expect(records.map((r) => r.entry.PartitionKey)).toEqual(traffic.truth.map((g) => g.event.domain_userid));
  });

  it('drop:N keeps every Nth event for the truth but never hands it out', () => {
    const traffic = new SoakTraffic({ rate: 20, seed: 5, inject: { kind: 'drop', every: 10 } });
    const records = drain(traffic, 30);

    expect(traffic.dropped).toBe(Math.ceil(traffic.truth.length / 10));
    expect(records.length).toBe(traffic.truth.length - traffic.dropped);
    // The others, in order (a generator duplicate of a dropped event is still sent: it is another line).
    expect(records.map((r) => eventIdOf(r.entry.Data))).toEqual(traffic.truth.filter((_, i) => i % 10 !== 0).map((g) => g.event.event_id));
  });

  it('double:N puts every Nth event again as a distinct record (a new event_id, the rest of the line unchanged) the truth does not know', () => {
    const traffic = new SoakTraffic({ rate: 20, seed: 5, inject: { kind: 'double', every: 10 } });
    const records = drain(traffic, 30);

    const extra = records.filter((r) => !r.generated);
    expect(extra.length).toBe(traffic.doubled);
    expect(traffic.doubled).toBe(Math.ceil(traffic.truth.length / 10));
    const known = new Set(traffic.truth.map((g) => g.event.event_id));
    for (const r of extra) {
      const original = records[records.indexOf(r) - 1]!;
      expect(known.has(eventIdOf(r.entry.Data))).toBe(false);
      expect(Buffer.from(r.entry.Data!).toString().replace(eventIdOf(r.entry.Data), eventIdOf(original.entry.Data))).toBe(Buffer.from(original.entry.Data!).toString());
    }
  });
});
