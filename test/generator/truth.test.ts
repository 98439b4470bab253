import { describe, expect, it } from 'vitest';
import { TruthAccumulator, generateEvents, type GroundTruth, type TruthInput } from '../../lib/generator';
import { eventTime, splitRow } from './helpers';

type Counts = { pageViews: number; events: number };

/** Recounts the truth from TSV lines alone: split by tab, read the raw strings. */
function recount(lines: readonly string[]): GroundTruth {
  const minutes = new Map<number, {
    ids: Set<string>; visitors: Set<string>; sessions: Set<string>;
    events: Record<string, number>; paths: Record<string, number>; revenue: Record<string, number>; orders: Record<string, number>;
    referrers: Record<string, Record<string, Counts>>; countries: Record<string, Counts>;
  }>();
  let duplicates = 0;
  for (const line of lines) {
    const r = splitRow(line);
    const minute = Math.floor(eventTime(r) / 60_000) * 60_000;
    if (!minutes.has(minute)) {
      minutes.set(minute, { ids: new Set(), visitors: new Set(), sessions: new Set(), events: {}, paths: {}, revenue: {}, orders: {}, referrers: {}, countries: {} });
    }
    const m = minutes.get(minute)!;
    if (m.ids.has(r.event_id)) {
      duplicates++;
      continue;
    }
    m.ids.add(r.event_id);
    m.visitors.add(r.domain_userid);
    m.sessions.add(r.domain_sessionid);
    m.events[r.event_name] = (m.events[r.event_name] ?? 0) + 1;
    const pv = r.event_name === 'page_view' ? 1 : 0;
    if (pv) m.paths[r.page_urlpath] = (m.paths[r.page_urlpath] ?? 0) + 1;
    if (r.event_name === 'transaction') {
      m.orders[r.tr_currency] = (m.orders[r.tr_currency] ?? 0) + 1;
      m.revenue[r.tr_currency] = (m.revenue[r.tr_currency] ?? 0) + Math.round(Number(r.tr_total) * 100);
    }
    const medium = r.refr_medium || 'direct';
    const source = r.refr_source || 'direct';
    const ref = ((m.referrers[medium] ??= {})[source] ??= { pageViews: 0, events: 0 });
    const country = (m.countries[r.geo_country || 'unknown'] ??= { pageViews: 0, events: 0 });
    ref.pageViews += pv;
    ref.events++;
    country.pageViews += pv;
    country.events++;
  }
  return {
    lines: lines.length,
    duplicates,
    minutes: [...minutes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([minute, m]) => ({
        minute: new Date(minute).toISOString(),
        events: m.events,
        pageViewsByPath: m.paths,
        visitors: m.visitors.size,
        sessions: m.sessions.size,
        revenue: Object.fromEntries(Object.entries(m.revenue).map(([c, cents]) => [c, cents / 100])),
        orders: m.orders,
        referrers: m.referrers,
        countries: m.countries,
      })),
  };
}

describe('ground truth', () => {
  it('equals an independent recount from the TSV lines (late events and duplicates included)', () => {
    const truth = new TruthAccumulator();
    const lines: string[] = [];
    for (const g of generateEvents({ events: 8_000, seed: 17, lateRatio: 0.08, duplicateRatio: 0.04 })) {
      truth.add(g.event);
      lines.push(g.line);
    }
    const result = truth.result();
    expect(result).toEqual(recount(lines));
    expect(result.lines).toBe(8_000);
    expect(result.duplicates).toBeGreaterThan(200);
    expect(result.minutes.some((m) => Object.keys(m.revenue).length > 0)).toBe(true);
    // Stable JSON: keys sorted.
    const first = result.minutes.find((m) => Object.keys(m.pageViewsByPath).length > 3)!;
    expect(Object.keys(first.pageViewsByPath)).toEqual(Object.keys(first.pageViewsByPath).sort());
  });

  it('counts by event-time minute, once per event_id a minute, with direct and unknown for empty parts', () => {
    const at = (iso: string) => Date.parse(iso);
    const base: TruthInput = {
      event_id: 'a', event_name: 'page_view', derived_tstamp: at('2026-11-22T10:01:10Z'), collector_tstamp: at('2026-11-22T10:01:11Z'),
      page_urlpath: '/products/SKU-00001', domain_userid: 'u1', domain_sessionid: 's1', tr_total: null, tr_currency: null,
      refr_medium: 'search', refr_source: 'Google', geo_country: 'DE',
    };
    const truth = new TruthAccumulator();
    truth.add(base);
    truth.add(base); // duplicate
    truth.add({ ...base, event_id: 'b', event_name: 'page_ping', refr_medium: null, refr_source: null, geo_country: null });
    truth.add({ ...base, event_id: 'c', event_name: 'transaction', page_urlpath: '/checkout/confirmation', tr_total: 10.1, tr_currency: 'EUR', domain_userid: 'u2', domain_sessionid: 's2' });
    truth.add({ ...base, event_id: 'd', event_name: 'transaction', tr_total: 0.2, tr_currency: 'EUR' });
    // Late: collected at 10:01 but happened at 10:00; no derived time falls back to collector time.
    truth.add({ ...base, event_id: 'e', derived_tstamp: at('2026-11-22T10:00:59.999Z'), collector_tstamp: at('2026-11-22T10:01:30Z') });
    truth.add({ ...base, event_id: 'f', derived_tstamp: null, collector_tstamp: at('2026-11-22T10:02:00Z'), refr_medium: 'internal', refr_source: null });
    expect(truth.result()).toEqual({
      lines: 7,
      duplicates: 1,
      minutes: [
        {
          minute: '2026-11-22T10:00:00.000Z',
          events: { page_view: 1 }, pageViewsByPath: { '/products/SKU-00001': 1 }, visitors: 1, sessions: 1, revenue: {}, orders: {},
          referrers: { search: { Google: { pageViews: 1, events: 1 } } }, countries: { DE: { pageViews: 1, events: 1 } },
        },
        {
          minute: '2026-11-22T10:01:00.000Z',
          events: { page_ping: 1, page_view: 1, transaction: 2 }, pageViewsByPath: { '/products/SKU-00001': 1 }, visitors: 2, sessions: 2,
          revenue: { EUR: 10.3 }, orders: { EUR: 2 },
          referrers: { direct: { direct: { pageViews: 0, events: 1 } }, search: { Google: { pageViews: 1, events: 3 } } },
          countries: { DE: { pageViews: 1, events: 3 }, unknown: { pageViews: 0, events: 1 } },
        },
        {
          minute: '2026-11-22T10:02:00.000Z',
          events: { page_view: 1 }, pageViewsByPath: { '/products/SKU-00001': 1 }, visitors: 1, sessions: 1, revenue: {}, orders: {},
          referrers: { internal: { direct: { pageViews: 1, events: 1 } } }, countries: { DE: { pageViews: 1, events: 1 } },
        },
      ],
    });
  });
});
