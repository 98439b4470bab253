import type { EnrichedEvent } from '../../schemas/enriched-event';

/** The fields the ground truth is computed from: any typed enriched event (generated or parsed) has them. */
export type TruthInput = Pick<
  EnrichedEvent,
  | 'event_id'
  | 'event_name'
  | 'derived_tstamp'
  | 'collector_tstamp'
  | 'page_urlpath'
  | 'domain_userid'
  | 'domain_sessionid'
  | 'tr_total'
  | 'tr_currency'
  | 'refr_medium'
  | 'refr_source'
  | 'geo_country'
>;

/** Page views and events (all names) of one referrer or country. */
export interface TrafficCounts {
  pageViews: number;
  events: number;
}

/** What the reports must show for one UTC minute of event time. */
export interface MinuteTruth {
  /** The minute's start, ISO-8601 UTC, e.g. `2026-11-22T10:03:00.000Z`. */
  minute: string;
  /** Events by `event_name` (`page_view`, `page_ping`, `link_click`, `event`, `transaction`, `transaction_item`). */
  events: Record<string, number>;
  /** Page views (`event_name` page_view) by `page_urlpath`. */
  pageViewsByPath: Record<string, number>;
  /** Distinct `domain_userid`s. */
  visitors: number;
  /** Distinct `domain_sessionid`s. */
  sessions: number;
  /** Sum of `tr_total` of transaction events by `tr_currency`, rounded to the cent. */
  revenue: Record<string, number>;
  /** Count of transaction events by `tr_currency`. */
  orders: Record<string, number>;
  /** By `refr_medium`, then `refr_source`; an empty part is `direct`. */
  referrers: Record<string, Record<string, TrafficCounts>>;
  /** By `geo_country`; an empty country is `unknown`. */
  countries: Record<string, TrafficCounts>;
}

/**
 * The ground truth of a set of events: what per-minute reports over them must show.
 *
 * Minutes are event-time minutes (`derived_tstamp`, else `collector_tstamp`), sorted; a line
 * whose `event_id` was already counted in the same minute (a duplicate) counts once; a late
 * event counts in the minute it happened. Object keys are sorted, so the JSON is stable.
 *
 * @example
 * ```json
 * {
 *   "lines": 3, "duplicates": 1,
 *   "minutes": [{
 *     "minute": "2026-11-22T10:00:00.000Z",
 *     "events": { "page_view": 1, "transaction": 1 },
 *     "pageViewsByPath": { "/products/SKU-00042": 1 },
 *     "visitors": 1, "sessions": 1,
 *     "revenue": { "GBP": 112.4 }, "orders": { "GBP": 1 },
 *     "referrers": { "search": { "Google": { "pageViews": 1, "events": 2 } } },
 *     "countries": { "GB": { "pageViews": 1, "events": 2 } }
 *   }]
 * }
 * ```
 */
export interface GroundTruth {
  /** Every line seen, duplicates included. */
  lines: number;
  /** Lines not counted because their `event_id` was already counted in that minute. */
  duplicates: number;
  minutes: MinuteTruth[];
}

interface MinuteState {
  readonly ids: Set<string>;
  readonly visitors: Set<string>;
  readonly sessions: Set<string>;
  readonly events: Map<string, number>;
  readonly pageViewsByPath: Map<string, number>;
  readonly revenueCents: Map<string, number>;
  readonly orders: Map<string, number>;
  readonly referrers: Map<string, Map<string, TrafficCounts>>;
  readonly countries: Map<string, TrafficCounts>;
}

const MINUTE_MS = 60_000;

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function counts<K>(map: Map<K, TrafficCounts>, key: K): TrafficCounts {
  let c = map.get(key);
  if (c === undefined) {
    c = { pageViews: 0, events: 0 };
    map.set(key, c);
  }
  return c;
}

function sortedRecord<V, W>(map: Map<string, V>, f: (v: V) => W): Record<string, W> {
  const out: Record<string, W> = {};
  for (const key of [...map.keys()].sort()) out[key] = f(map.get(key) as V);
  return out;
}

/**
 * Accumulates the {@link GroundTruth} of events from their typed fields alone (pure: no I/O,
 * no generator internals), so that any stream of enriched events can be checked against it.
 *
 * @example
 * ```ts
 * const truth = new TruthAccumulator();
 * for (const { event } of generateEvents({ events: 1000 })) truth.add(event);
 * JSON.stringify(truth.result());
 * ```
 */
export class TruthAccumulator {
  private readonly minutes = new Map<number, MinuteState>();
  private lines = 0;
  private duplicates = 0;

  /** Counts one line's event. */
  add(event: TruthInput): void {
    this.lines++;
    const time = event.derived_tstamp ?? event.collector_tstamp;
    if (time === null) throw new RangeError(`event ${event.event_id}: neither derived_tstamp nor collector_tstamp is set`);
    const minute = Math.floor(time / MINUTE_MS) * MINUTE_MS;
    let m = this.minutes.get(minute);
    if (m === undefined) {
      m = {
        ids: new Set(), visitors: new Set(), sessions: new Set(), events: new Map(), pageViewsByPath: new Map(),
        revenueCents: new Map(), orders: new Map(), referrers: new Map(), countries: new Map(),
      };
      this.minutes.set(minute, m);
    }
    const id = event.event_id ?? '';
    if (m.ids.has(id)) {
      this.duplicates++;
      return;
    }
    m.ids.add(id);
    const name = event.event_name ?? '';
    const pageView = name === 'page_view';
    increment(m.events, name);
    if (pageView) increment(m.pageViewsByPath, event.page_urlpath ?? '');
    if (event.domain_userid) m.visitors.add(event.domain_userid);
    if (event.domain_sessionid) m.sessions.add(event.domain_sessionid);
    if (name === 'transaction') {
      const currency = event.tr_currency ?? '';
      increment(m.orders, currency);
      increment(m.revenueCents, currency, Math.round((event.tr_total ?? 0) * 100));
    }
    let bySource = m.referrers.get(event.refr_medium || 'direct');
    if (bySource === undefined) {
      bySource = new Map();
      m.referrers.set(event.refr_medium || 'direct', bySource);
    }
    const referrer = counts(bySource, event.refr_source || 'direct');
    const country = counts(m.countries, event.geo_country || 'unknown');
    referrer.events++;
    country.events++;
    if (pageView) {
      referrer.pageViews++;
      country.pageViews++;
    }
  }

  /** The truth of everything added so far. */
  result(): GroundTruth {
    const minutes = [...this.minutes.keys()].sort((a, b) => a - b).map((minute): MinuteTruth => {
      const m = this.minutes.get(minute)!;
      const copy = (c: TrafficCounts): TrafficCounts => ({ pageViews: c.pageViews, events: c.events });
      return {
        minute: new Date(minute).toISOString(),
        events: sortedRecord(m.events, (n) => n),
        pageViewsByPath: sortedRecord(m.pageViewsByPath, (n) => n),
        visitors: m.visitors.size,
        sessions: m.sessions.size,
        revenue: sortedRecord(m.revenueCents, (cents) => cents / 100),
        orders: sortedRecord(m.orders, (n) => n),
        referrers: sortedRecord(m.referrers, (bySource) => sortedRecord(bySource, copy)),
        countries: sortedRecord(m.countries, copy),
      };
    });
    return { lines: this.lines, duplicates: this.duplicates, minutes };
  }
}
