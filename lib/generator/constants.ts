/** The fixed default start instant of generated traffic: no wall clock ever reaches the output. */
export const DEFAULT_START = Date.UTC(2026, 10, 22, 10, 0, 0);

/** The default run seed. */
export const DEFAULT_SEED = 1;

/** The default number of distinct visitors (browsers, i.e. `domain_userid`s). */
export const DEFAULT_USERS = 1000;

/** The default mean number of sessions that start per minute. */
export const DEFAULT_SESSIONS_PER_MINUTE = 12;

/** The default seed of the shop catalogue, independent of the traffic seed so the shop never changes. */
export const DEFAULT_CATALOG_SEED = 1;

/** The demo shop's host name. */
export const SHOP_HOST = 'shop.snowline.example';

/** The demo shop's origin, without a trailing slash. */
export const SHOP_ORIGIN = `https://${SHOP_HOST}`;

/** The `app_id` the shop's tracker sends. */
export const APP_ID = 'snowline-shop';

/** The affiliation written on transactions. */
export const SHOP_AFFILIATION = 'snowline-web';

/** The base currency of the shop: catalogue prices and the `_base` fields. */
export const BASE_CURRENCY = 'EUR';

/** A Snowplow session expires after this much inactivity (the JavaScript tracker's default). */
export const SESSION_TIMEOUT_MS = 30 * 60_000;

/** The tracker, collector and enrich versions written in `v_tracker`, `v_collector` and `v_etl`. */
export const VERSIONS = {
  nameTracker: 'sp',
  tracker: 'js-3.24.2',
  collector: 'ssc-3.2.0-kinesis',
  etl: 'snowplow-enrich-kinesis-5.1.2',
} as const;

/** The Iglu schema URIs the generator writes. Vendors never contain '-' (the reference SDK rejects them). */
export const SCHEMAS = {
  contexts: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1',
  unstructEvent: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0',
  linkClick: 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1',
  webPage: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0',
  clientSession: 'iglu:com.snowplowanalytics.snowplow/client_session/jsonschema/1-0-2',
  product: 'iglu:com.snowplowanalytics.snowplow.ecommerce/product/jsonschema/1-0-0',
  uaParser: 'iglu:com.snowplowanalytics.snowplow/ua_parser_context/jsonschema/1-0-0',
  yauaa: 'iglu:nl.basjes/yauaa_context/jsonschema/1-0-4',
  spidersAndRobots: 'iglu:com.iab.snowplow/spiders_and_robots/jsonschema/1-0-0',
} as const;
