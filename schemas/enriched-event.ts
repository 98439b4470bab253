import { z } from 'zod';
import { field, kindOf, type FieldKind } from './enriched-event-fields';

/**
 * The Snowplow enriched event, all 131 fields in TSV order, as the typed values the parser gives.
 *
 * Key order is the TSV column order: `ENRICHED_FIELDS` and the parser read it from here, so the
 * order is written once. Empty TSV fields are `null`; timestamps are epoch milliseconds, UTC.
 *
 * @example
 * ```ts
 * const event: EnrichedEvent = parseEnrichedEvent(line).event;
 * event.collector_tstamp; // 1385424125000 for "2013-11-26 00:02:05"
 * ```
 * @see https://docs.snowplow.io/docs/fundamentals/canonical-event/
 */
export const EnrichedEventSchema = z.object({
  /** 0 */ app_id: field.string(),
  /** 1 */ platform: field.string(),
  /** 2 */ etl_tstamp: field.timestamp(),
  /** 3 */ collector_tstamp: field.timestamp(),
  /** 4 */ dvce_created_tstamp: field.timestamp(),
  /** 5 */ event: field.string(),
  /** 6 */ event_id: field.string(),
  /** 7 */ txn_id: field.integer(),
  /** 8 */ name_tracker: field.string(),
  /** 9 */ v_tracker: field.string(),
  /** 10 */ v_collector: field.string(),
  /** 11 */ v_etl: field.string(),
  /** 12 */ user_id: field.string(),
  /** 13 */ user_ipaddress: field.string(),
  /** 14 */ user_fingerprint: field.string(),
  /** 15 */ domain_userid: field.string(),
  /** 16 */ domain_sessionidx: field.integer(),
  /** 17 */ network_userid: field.string(),
  /** 18 */ geo_country: field.string(),
  /** 19 */ geo_region: field.string(),
  /** 20 */ geo_city: field.string(),
  /** 21 */ geo_zipcode: field.string(),
  /** 22 */ geo_latitude: field.double(),
  /** 23 */ geo_longitude: field.double(),
  /** 24 */ geo_region_name: field.string(),
  /** 25 */ ip_isp: field.string(),
  /** 26 */ ip_organization: field.string(),
  /** 27 */ ip_domain: field.string(),
  /** 28 */ ip_netspeed: field.string(),
  /** 29 */ page_url: field.string(),
  /** 30 */ page_title: field.string(),
  /** 31 */ page_referrer: field.string(),
  /** 32 */ page_urlscheme: field.string(),
  /** 33 */ page_urlhost: field.string(),
  /** 34 */ page_urlport: field.integer(),
  /** 35 */ page_urlpath: field.string(),
  /** 36 */ page_urlquery: field.string(),
  /** 37 */ page_urlfragment: field.string(),
  /** 38 */ refr_urlscheme: field.string(),
  /** 39 */ refr_urlhost: field.string(),
  /** 40 */ refr_urlport: field.integer(),
  /** 41 */ refr_urlpath: field.string(),
  /** 42 */ refr_urlquery: field.string(),
  /** 43 */ refr_urlfragment: field.string(),
  /** 44 */ refr_medium: field.string(),
  /** 45 */ refr_source: field.string(),
  /** 46 */ refr_term: field.string(),
  /** 47 */ mkt_medium: field.string(),
  /** 48 */ mkt_source: field.string(),
  /** 49 */ mkt_term: field.string(),
  /** 50 */ mkt_content: field.string(),
  /** 51 */ mkt_campaign: field.string(),
  /** 52 */ contexts: field.contexts(),
  /** 53 */ se_category: field.string(),
  /** 54 */ se_action: field.string(),
  /** 55 */ se_label: field.string(),
  /** 56 */ se_property: field.string(),
  /** 57 */ se_value: field.string(),
  /** 58 */ unstruct_event: field.unstruct(),
  /** 59 */ tr_orderid: field.string(),
  /** 60 */ tr_affiliation: field.string(),
  /** 61 */ tr_total: field.double(),
  /** 62 */ tr_tax: field.double(),
  /** 63 */ tr_shipping: field.double(),
  /** 64 */ tr_city: field.string(),
  /** 65 */ tr_state: field.string(),
  /** 66 */ tr_country: field.string(),
  /** 67 */ ti_orderid: field.string(),
  /** 68 */ ti_sku: field.string(),
  /** 69 */ ti_name: field.string(),
  /** 70 */ ti_category: field.string(),
  /** 71 */ ti_price: field.double(),
  /** 72 */ ti_quantity: field.integer(),
  /** 73 */ pp_xoffset_min: field.integer(),
  /** 74 */ pp_xoffset_max: field.integer(),
  /** 75 */ pp_yoffset_min: field.integer(),
  /** 76 */ pp_yoffset_max: field.integer(),
  /** 77 */ useragent: field.string(),
  /** 78 */ br_name: field.string(),
  /** 79 */ br_family: field.string(),
  /** 80 */ br_version: field.string(),
  /** 81 */ br_type: field.string(),
  /** 82 */ br_renderengine: field.string(),
  /** 83 */ br_lang: field.string(),
  /** 84 */ br_features_pdf: field.boolean(),
  /** 85 */ br_features_flash: field.boolean(),
  /** 86 */ br_features_java: field.boolean(),
  /** 87 */ br_features_director: field.boolean(),
  /** 88 */ br_features_quicktime: field.boolean(),
  /** 89 */ br_features_realplayer: field.boolean(),
  /** 90 */ br_features_windowsmedia: field.boolean(),
  /** 91 */ br_features_gears: field.boolean(),
  /** 92 */ br_features_silverlight: field.boolean(),
  /** 93 */ br_cookies: field.boolean(),
  /** 94 */ br_colordepth: field.string(),
  /** 95 */ br_viewwidth: field.integer(),
  /** 96 */ br_viewheight: field.integer(),
  /** 97 */ os_name: field.string(),
  /** 98 */ os_family: field.string(),
  /** 99 */ os_manufacturer: field.string(),
  /** 100 */ os_timezone: field.string(),
  /** 101 */ dvce_type: field.string(),
  /** 102 */ dvce_ismobile: field.boolean(),
  /** 103 */ dvce_screenwidth: field.integer(),
  /** 104 */ dvce_screenheight: field.integer(),
  /** 105 */ doc_charset: field.string(),
  /** 106 */ doc_width: field.integer(),
  /** 107 */ doc_height: field.integer(),
  /** 108 */ tr_currency: field.string(),
  /** 109 */ tr_total_base: field.double(),
  /** 110 */ tr_tax_base: field.double(),
  /** 111 */ tr_shipping_base: field.double(),
  /** 112 */ ti_currency: field.string(),
  /** 113 */ ti_price_base: field.double(),
  /** 114 */ base_currency: field.string(),
  /** 115 */ geo_timezone: field.string(),
  /** 116 */ mkt_clickid: field.string(),
  /** 117 */ mkt_network: field.string(),
  /** 118 */ etl_tags: field.string(),
  /** 119 */ dvce_sent_tstamp: field.timestamp(),
  /** 120 */ refr_domain_userid: field.string(),
  /** 121 */ refr_dvce_tstamp: field.timestamp(),
  /** 122 */ derived_contexts: field.contexts(),
  /** 123 */ domain_sessionid: field.string(),
  /** 124 */ derived_tstamp: field.timestamp(),
  /** 125 */ event_vendor: field.string(),
  /** 126 */ event_name: field.string(),
  /** 127 */ event_format: field.string(),
  /** 128 */ event_version: field.string(),
  /** 129 */ event_fingerprint: field.string(),
  /** 130 */ true_tstamp: field.timestamp(),
});

/** The typed enriched event. */
export type EnrichedEvent = z.infer<typeof EnrichedEventSchema>;

/** The name of one enriched event field. */
export type EnrichedFieldName = keyof EnrichedEvent;

/** One TSV column: its position, name and kind. */
export interface EnrichedField {
  readonly index: number;
  readonly name: EnrichedFieldName;
  readonly kind: FieldKind;
}

/** Every column of the enriched TSV, in order, derived from {@link EnrichedEventSchema}. */
export const ENRICHED_FIELDS: readonly EnrichedField[] = Object.entries(EnrichedEventSchema.shape).map(
  ([name, schema], index) => ({ index, name: name as EnrichedFieldName, kind: kindOf(schema) }),
);

/** How many columns an enriched TSV line has. */
export const ENRICHED_FIELD_COUNT = ENRICHED_FIELDS.length;

/** The column index of each field, by name. */
export const FIELD_INDEX = Object.fromEntries(ENRICHED_FIELDS.map((f) => [f.name, f.index])) as Record<
  EnrichedFieldName,
  number
>;
