import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { AGGREGATE_EVENTS, AGGREGATE_VALUES } from '../../schemas/feature-group-declaration';
import { MICROS_PER_UNIT } from './constants';

/** The kind of an event, as the feature aggregates select them (`other` matches only `any`). */
export type EventKind = Exclude<(typeof AGGREGATE_EVENTS)[number], 'any'> | 'other';

/** A per-event value a feature aggregate reads. */
export type ValueName = (typeof AGGREGATE_VALUES)[number];

/** The fields of an event the feature computation reads. */
export type FeatureEvent = Pick<
  EnrichedEvent,
  | 'event' | 'event_name' | 'se_action' | 'se_label' | 'page_urlpath' | 'domain_userid' | 'domain_sessionid' | 'user_id'
  | 'geo_country' | 'tr_total' | 'tr_total_base' | 'ti_sku' | 'ti_quantity' | 'derived_contexts'
>;

const YAUAA_SCHEMA_PREFIX = 'iglu:nl.basjes/yauaa_context/';

/** The device class YAUAA gave in the derived contexts, else "Unknown". Reads (and so validates) `derived_contexts`. */
export function deviceClassOf(event: Pick<EnrichedEvent, 'derived_contexts'>): string {
  for (const context of event.derived_contexts?.data ?? []) {
    if (!context.schema.startsWith(YAUAA_SCHEMA_PREFIX)) continue;
    const deviceClass = (context.data as { deviceClass?: unknown } | null)?.deviceClass;
    if (typeof deviceClass === 'string' && deviceClass !== '') return deviceClass;
  }
  return 'Unknown';
}

/** Which kind an event is: page view, link click, add-to-cart (a struct event), transaction, transaction item or other. */
export function kindOf(event: FeatureEvent): EventKind {
  switch (event.event_name) {
    case 'page_view':
    case 'link_click':
    case 'transaction':
    case 'transaction_item':
      return event.event_name;
  }
  return event.event === 'struct' && event.se_action === 'add-to-cart' ? 'add_to_cart' : 'other';
}

/**
 * One value of an event as text, or null when the event has none: revenue in integer
 * micro-units (`tr_total_base`, else `tr_total`), `logged_in` as `1`/`0`, the device class
 * (never null), the rest as they stand.
 */
export function valueOf(event: FeatureEvent, value: ValueName): string | null {
  switch (value) {
    case 'revenue': {
      const amount = event.tr_total_base ?? event.tr_total;
      return amount === null ? null : String(Math.round(amount * MICROS_PER_UNIT));
    }
    case 'ti_quantity':
      return event.ti_quantity === null ? null : String(event.ti_quantity);
    case 'logged_in':
      return event.user_id === null ? '0' : '1';
    case 'device_class':
      return deviceClassOf(event);
    default:
      return event[value];
  }
}

const PRODUCT_PATH = /^\/products\/([^/]+)$/;

/**
 * The entity an event belongs to in a group keyed by `recordIdentifier`: the user
 * (`domain_userid`), or the product (`sku`) it refers to (the page `/products/<sku>`, an
 * add-to-cart's `se_label`, a transaction item's `ti_sku`). Null when it has none.
 */
export function entityOf(event: FeatureEvent, recordIdentifier: string, kind: EventKind): string | null {
  if (recordIdentifier === 'sku') {
    if (kind === 'page_view') return PRODUCT_PATH.exec(event.page_urlpath ?? '')?.[1] ?? null;
    if (kind === 'add_to_cart') return event.se_label;
    if (kind === 'transaction_item') return event.ti_sku;
    return null;
  }
  const id = (event as unknown as Record<string, unknown>)[recordIdentifier];
  return typeof id === 'string' && id !== '' ? id : null;
}
