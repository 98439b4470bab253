/**
 * The features' ground truth, by brute force from the generated events' typed values: for each
 * user and product, every feature as of its latest event time. Written apart from lib/features
 * (no shared code), so the two can disagree.
 */
import type { GeneratedEvent } from '../../../lib/generator';
import type { EnrichedEvent } from '../../../schemas/enriched-event';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Timed {
  readonly e: EnrichedEvent;
  readonly t: number;
}

/** Later event first: event time, then event_id. */
const later = (a: Timed, b: Timed) => (a.t !== b.t ? a.t > b.t : (a.e.event_id ?? '') > (b.e.event_id ?? ''));

function deviceClass(e: EnrichedEvent): string {
  const yauaa = e.derived_contexts?.data.find((c) => c.schema.startsWith('iglu:nl.basjes/yauaa_context/'));
  const value = (yauaa?.data as { deviceClass?: string } | undefined)?.deviceClass;
  return value ?? 'Unknown';
}

function unique(lines: readonly GeneratedEvent[]): Timed[] {
  const seen = new Set<string>();
  const out: Timed[] = [];
  for (const g of lines) {
    const id = g.event.event_id ?? g.line;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ e: g.event, t: g.eventTimeMs });
  }
  return out;
}

function groupBy(events: readonly Timed[], keyOf: (e: EnrichedEvent) => string | null): Map<string, Timed[]> {
  const out = new Map<string, Timed[]>();
  for (const x of events) {
    const key = keyOf(x.e);
    if (key === null) continue;
    out.set(key, [...(out.get(key) ?? []), x]);
  }
  return out;
}

/** Expected `user_activity` records by domain_userid, as Feature Store returns them (name → value). */
export function expectedUserActivity(lines: readonly GeneratedEvent[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [user, events] of groupBy(unique(lines), (e) => e.domain_userid)) {
    const latest = events.reduce((a, b) => (later(b, a) ? b : a));
    const T = latest.t;
    const within = (w: number) => events.filter((x) => x.t > T - w && x.t <= T);
    const named = (w: number, name: string) => within(w).filter((x) => x.e.event_name === name);
    const located = events.filter((x) => x.e.geo_country !== null);
    const country = located.length === 0 ? undefined : located.reduce((a, b) => (later(b, a) ? b : a)).e.geo_country!;
    const cents = named(DAY, 'transaction').reduce((sum, x) => sum + Math.round((x.e.tr_total_base ?? x.e.tr_total ?? 0) * 100), 0);
    const record: Record<string, string> = {
      domain_userid: user,
      event_time: new Date(T).toISOString(),
      page_views_5m: String(named(5 * MIN, 'page_view').length),
      page_views_1h: String(named(HOUR, 'page_view').length),
      events_1h: String(within(HOUR).length),
      link_clicks_1h: String(named(HOUR, 'link_click').length),
      add_to_carts_1h: String(within(HOUR).filter((x) => x.e.event === 'struct' && x.e.se_action === 'add-to-cart').length),
      transactions_24h: String(named(DAY, 'transaction').length),
      revenue_24h: String(cents / 100),
      distinct_pages_1h: String(new Set(named(HOUR, 'page_view').map((x) => x.e.page_urlpath)).size),
      sessions_24h: String(new Set(within(DAY).map((x) => x.e.domain_sessionid).filter((s) => s !== null)).size),
      last_event_name: latest.e.event_name ?? '',
      device_class: deviceClass(latest.e),
      ...(country === undefined ? {} : { country }),
      is_logged_in: latest.e.user_id === null ? '0' : '1',
    };
    out.set(user, record);
  }
  return out;
}

const skuOf = (e: EnrichedEvent): string | null => {
  if (e.event_name === 'page_view') return /^\/products\/([^/]+)$/.exec(e.page_urlpath ?? '')?.[1] ?? null;
  if (e.event === 'struct' && e.se_action === 'add-to-cart') return e.se_label;
  if (e.event_name === 'transaction_item') return e.ti_sku;
  return null;
};

/**
 * Expected `product_activity` records by SKU. Its windows are whole tiles: the hour is the 60
 * minutes (of the clock, UTC) up to and including the newest event's minute, the day the 24 hours
 * up to and including its hour.
 */
export function expectedProductActivity(lines: readonly GeneratedEvent[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [sku, events] of groupBy(unique(lines), skuOf)) {
    const T = events.reduce((max, x) => Math.max(max, x.t), -Infinity);
    /** The events of the `window / tile` whole tiles ending with T's tile. */
    const within = (window: number, tile: number) => events.filter((x) => x.t >= Math.floor(T / tile) * tile + tile - window && x.t <= T);
    const items = within(DAY, HOUR).filter((x) => x.e.event_name === 'transaction_item');
    out.set(sku, {
      sku,
      event_time: new Date(T).toISOString(),
      views_1h: String(within(HOUR, MIN).filter((x) => x.e.event_name === 'page_view').length),
      add_to_carts_1h: String(within(HOUR, MIN).filter((x) => x.e.event === 'struct').length),
      purchases_24h: String(items.length),
      units_24h: String(items.reduce((n, x) => n + (x.e.ti_quantity ?? 0), 0)),
    });
  }
  return out;
}
