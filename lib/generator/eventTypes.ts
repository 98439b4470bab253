import type { EnrichedEvent } from '../../schemas/enriched-event';

/**
 * The kinds of event the generator writes, with the `event` field the tracker sends and the
 * `event_vendor`/`event_name`/`event_format`/`event_version` Enrich fills in for them.
 * Enrich names a structured event `event`, under the `com.google.analytics` vendor.
 */
export const EVENT_TYPES = {
  page_view: { event: 'page_view', vendor: 'com.snowplowanalytics.snowplow', name: 'page_view', version: '1-0-0' },
  page_ping: { event: 'page_ping', vendor: 'com.snowplowanalytics.snowplow', name: 'page_ping', version: '1-0-0' },
  link_click: { event: 'unstruct', vendor: 'com.snowplowanalytics.snowplow', name: 'link_click', version: '1-0-1' },
  struct: { event: 'struct', vendor: 'com.google.analytics', name: 'event', version: '1-0-0' },
  transaction: { event: 'transaction', vendor: 'com.snowplowanalytics.snowplow', name: 'transaction', version: '1-0-0' },
  transaction_item: { event: 'transaction_item', vendor: 'com.snowplowanalytics.snowplow', name: 'transaction_item', version: '1-0-0' },
} as const;

/** One key of {@link EVENT_TYPES}. */
export type EventType = keyof typeof EVENT_TYPES;

/** The `event` and `event_*` fields of an event type. */
export function eventTypeFields(type: EventType): Partial<EnrichedEvent> {
  const t = EVENT_TYPES[type];
  return { event: t.event, event_vendor: t.vendor, event_name: t.name, event_format: 'jsonschema', event_version: t.version };
}
