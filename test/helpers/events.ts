import { ENRICHED_FIELDS, FIELD_INDEX, type EnrichedFieldName } from '../../schemas/enriched-event';

/** A realistic page view's self-describing fields. */
export const SAMPLE_CONTEXTS = JSON.stringify({
  schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1',
  data: [
    { schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: 'b6a4f6a3-2d3c-4d2a-9f1e-1c9b1f0e6a11' } },
    { schema: 'iglu:org.schema/WebPage/jsonschema/1-0-0', data: { genre: 'product', keywords: ['shoes', 'red'] } },
    { schema: 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', data: { id: 'second' } },
  ],
});

export const SAMPLE_DERIVED_CONTEXTS = JSON.stringify({
  schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1',
  data: [{ schema: 'iglu:nl.basjes/yauaa_context/jsonschema/1-0-4', data: { deviceClass: 'Phone', agentName: 'Chrome' } }],
});

export const SAMPLE_UNSTRUCT = JSON.stringify({
  schema: 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0',
  data: { schema: 'iglu:com.snowplowanalytics.snowplow/link_click/jsonschema/1-0-1', data: { targetUrl: 'https://shop.example/sale' } },
});

/** The fields of a realistic page view, by name; everything else empty. */
export const SAMPLE_FIELDS: Partial<Record<EnrichedFieldName, string>> = {
  app_id: 'shop',
  platform: 'web',
  etl_tstamp: '2026-11-22 10:00:01.292',
  collector_tstamp: '2026-11-22 10:00:00.500',
  dvce_created_tstamp: '2026-11-22 09:59:59.885',
  event: 'page_view',
  event_id: 'c6ef3124-b53a-4b13-a233-0088f79dcbcb',
  txn_id: '41828',
  name_tracker: 'sp',
  v_tracker: 'js-3.24.0',
  v_collector: 'ssc-3.2.0-kinesis',
  v_etl: 'snowplow-enrich-kinesis-5.1.0',
  user_id: 'cust-000042',
  user_ipaddress: '92.231.54.234',
  domain_userid: 'bc2e92ec-6c20-4a14-9f1e-000000000001',
  domain_sessionidx: '3',
  geo_country: 'DE',
  geo_latitude: '52.52',
  geo_longitude: '13.405',
  page_url: 'https://shop.example/products/SKU-0042',
  page_urlpath: '/products/SKU-0042',
  contexts: SAMPLE_CONTEXTS,
  br_cookies: '1',
  dvce_ismobile: '0',
  tr_total: '12.5',
  derived_contexts: SAMPLE_DERIVED_CONTEXTS,
  domain_sessionid: '0a1b2c3d-0000-4000-8000-000000000001',
  derived_tstamp: '2026-11-22 10:00:00.000',
  dvce_sent_tstamp: '2026-11-22 10:00:00.385',
  event_vendor: 'com.snowplowanalytics.snowplow',
  event_name: 'page_view',
  event_format: 'jsonschema',
  event_version: '1-0-0',
};

/** An enriched TSV line: the sample page view with some fields replaced. */
export function enrichedLine(overrides: Partial<Record<EnrichedFieldName, string>> = {}): string {
  const values = { ...SAMPLE_FIELDS, ...overrides };
  return ENRICHED_FIELDS.map((f) => values[f.name] ?? '').join('\t');
}

/** The TSV fields of a line, for tests that want to break the layout itself. */
export function enrichedFields(overrides: Partial<Record<EnrichedFieldName, string>> = {}): string[] {
  return enrichedLine(overrides).split('\t');
}

export { FIELD_INDEX };
