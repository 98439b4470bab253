import { defineFeatureGroup, type FeatureGroupDeclaration } from './feature-group-declaration';

/**
 * Per-user activity features, keyed by the Snowplow first-party cookie id.
 *
 * Windows are event-time windows ending at `event_time` (the newest event included), so a
 * replayed batch computes the same values.
 */
export const USER_ACTIVITY: FeatureGroupDeclaration = defineFeatureGroup({
  name: 'user_activity',
  description: 'Per-user activity over sliding event-time windows, from Snowplow events',
  recordIdentifierFeatureName: 'domain_userid',
  eventTimeFeatureName: 'event_time',
  onlineStore: true,
  offlineStore: true,
  features: [
    { name: 'domain_userid', type: 'String', window: null, description: 'Snowplow first-party cookie id of the user', computation: 'domain_userid of the events' },
    { name: 'event_time', type: 'String', window: null, description: 'Event time of the newest event included, ISO-8601 UTC', computation: 'max of derived_tstamp, else collector_tstamp, as yyyy-MM-ddTHH:mm:ss.SSSZ' },
    { name: 'page_views_5m', type: 'Integral', window: '5m', description: 'Page views in the last 5 minutes', computation: 'count of page_view events', aggregate: { op: 'count', events: 'page_view' } },
    { name: 'page_views_1h', type: 'Integral', window: '1h', description: 'Page views in the last hour', computation: 'count of page_view events', aggregate: { op: 'count', events: 'page_view' } },
    { name: 'events_1h', type: 'Integral', window: '1h', description: 'Events of any kind in the last hour', computation: 'count of events', aggregate: { op: 'count', events: 'any' } },
    { name: 'link_clicks_1h', type: 'Integral', window: '1h', description: 'Link clicks in the last hour', computation: 'count of link_click events', aggregate: { op: 'count', events: 'link_click' } },
    { name: 'add_to_carts_1h', type: 'Integral', window: '1h', description: 'Add-to-cart actions in the last hour', computation: 'count of struct events with se_action add-to-cart', aggregate: { op: 'count', events: 'add_to_cart' } },
    { name: 'transactions_24h', type: 'Integral', window: '24h', description: 'Transactions in the last 24 hours', computation: 'count of transaction events', aggregate: { op: 'count', events: 'transaction' } },
    { name: 'revenue_24h', type: 'Fractional', window: '24h', description: 'Revenue in the last 24 hours, in the base currency', computation: 'sum of tr_total_base, tr_total where tr_total_base is empty, over transaction events', aggregate: { op: 'sum', events: 'transaction', value: 'revenue' } },
    { name: 'distinct_pages_1h', type: 'Integral', window: '1h', description: 'Distinct pages viewed in the last hour', computation: 'count of distinct page_urlpath over page_view events', aggregate: { op: 'distinct', events: 'page_view', value: 'page_urlpath' } },
    { name: 'sessions_24h', type: 'Integral', window: '24h', description: 'Sessions in the last 24 hours', computation: 'count of distinct domain_sessionid', aggregate: { op: 'distinct', events: 'any', value: 'domain_sessionid' } },
    { name: 'last_event_name', type: 'String', window: null, description: 'Name of the newest event', computation: 'event_name of the latest event', aggregate: { op: 'latest', events: 'any', value: 'event_name' } },
    { name: 'device_class', type: 'String', window: null, description: 'Device class of the newest event', computation: 'deviceClass from the derived contexts of the latest event, else "Unknown"', aggregate: { op: 'latest', events: 'any', value: 'device_class' } },
    { name: 'country', type: 'String', window: null, description: 'Country of the newest located event', computation: 'geo_country of the latest event that has one', aggregate: { op: 'latestPresent', events: 'any', value: 'geo_country' } },
    { name: 'is_logged_in', type: 'Integral', window: null, description: 'Whether the user is logged in, 1 or 0', computation: '1 when the latest event has a user_id, else 0', aggregate: { op: 'latest', events: 'any', value: 'logged_in' } },
  ],
});

/**
 * Per-product activity features, keyed by SKU. A popular product sees a large share of all
 * traffic, so its windows are kept in tiles (1 minute for the hour, 1 hour for the day): its state
 * stays under about 170 counts however busy it is, where one entry per event grew with the traffic.
 */
export const PRODUCT_ACTIVITY: FeatureGroupDeclaration = defineFeatureGroup({
  name: 'product_activity',
  description: 'Per-product views, add-to-carts and purchases over sliding event-time windows',
  recordIdentifierFeatureName: 'sku',
  eventTimeFeatureName: 'event_time',
  onlineStore: true,
  offlineStore: true,
  features: [
    { name: 'sku', type: 'String', window: null, description: 'Product SKU', computation: 'the SKU the events refer to' },
    { name: 'event_time', type: 'String', window: null, description: 'Event time of the newest event included, ISO-8601 UTC', computation: 'max of derived_tstamp, else collector_tstamp, as yyyy-MM-ddTHH:mm:ss.SSSZ' },
    { name: 'views_1h', type: 'Integral', window: '1h', resolution: '1m', description: "Product page views in the last hour, in whole minutes: the 60 ending with event_time's minute", computation: 'count of page_view events of /products/<sku>', aggregate: { op: 'count', events: 'page_view' } },
    { name: 'add_to_carts_1h', type: 'Integral', window: '1h', resolution: '1m', description: "Add-to-cart actions in the last hour, in whole minutes: the 60 ending with event_time's minute", computation: 'count of struct events with se_action add-to-cart for the SKU', aggregate: { op: 'count', events: 'add_to_cart' } },
    { name: 'purchases_24h', type: 'Integral', window: '24h', resolution: '1h', description: "Purchases in the last 24 hours, in whole hours: the 24 ending with event_time's hour", computation: 'count of transaction_item rows with the SKU', aggregate: { op: 'count', events: 'transaction_item' } },
    { name: 'units_24h', type: 'Integral', window: '24h', resolution: '1h', description: "Units sold in the last 24 hours, in whole hours: the 24 ending with event_time's hour", computation: 'sum of ti_quantity over transaction_item rows with the SKU', aggregate: { op: 'sum', events: 'transaction_item', value: 'ti_quantity' } },
  ],
});

/** Every feature group of Snowline, in a stable order. */
export const FEATURE_GROUPS: readonly FeatureGroupDeclaration[] = Object.freeze([USER_ACTIVITY, PRODUCT_ACTIVITY]);
