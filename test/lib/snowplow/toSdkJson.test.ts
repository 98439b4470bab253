import { describe, expect, it } from 'vitest';
import { transform } from 'snowplow-analytics-sdk';
import { parseToSdkJson, shreddedName } from '../../../lib/snowplow';
import { enrichedLine, SAMPLE_UNSTRUCT } from '../../helpers/events';

const sdkJson = (line: string) => {
  const result = parseToSdkJson(line);
  if (!result.ok) throw new Error(JSON.stringify(result.badRow));
  return result.json;
};

describe('parseToSdkJson', () => {
  it('omits empty fields, types scalars, shreds contexts and adds geo_location', () => {
    const json = sdkJson(enrichedLine({ unstruct_event: SAMPLE_UNSTRUCT, event: 'unstruct' }));
    expect(json).not.toHaveProperty('user_fingerprint');
    expect(json).not.toHaveProperty('contexts');
    expect(json).toMatchObject({
      app_id: 'shop',
      txn_id: 41828,
      tr_total: 12.5,
      br_cookies: true,
      dvce_ismobile: false,
      collector_tstamp: '2026-11-22T10:00:00.500Z',
      geo_location: '52.52,13.405',
      contexts_com_snowplowanalytics_snowplow_web_page_1: [{ id: 'b6a4f6a3-2d3c-4d2a-9f1e-1c9b1f0e6a11' }, { id: 'second' }],
      contexts_org_schema_web_page_1: [{ genre: 'product', keywords: ['shoes', 'red'] }],
      contexts_nl_basjes_yauaa_context_1: [{ deviceClass: 'Phone', agentName: 'Chrome' }],
      unstruct_event_com_snowplowanalytics_snowplow_link_click_1: { targetUrl: 'https://shop.example/sale' },
    });
  });

  it('keeps the timestamp fraction as written', () => {
    expect(sdkJson(enrichedLine({ collector_tstamp: '2013-11-26 00:02:05' })).collector_tstamp).toBe('2013-11-26T00:02:05Z');
  });

  it('gives geo_location only when both coordinates exist', () => {
    expect(sdkJson(enrichedLine({ geo_longitude: '' }))).not.toHaveProperty('geo_location');
  });

  it('gives the same keys, values and key order as the reference SDK', () => {
    const line = enrichedLine({ unstruct_event: SAMPLE_UNSTRUCT, event: 'unstruct' });
    const ours = sdkJson(line);
    const theirs = transform(line) as unknown as Record<string, unknown>;
    // The one renamed key (see README): the SDK says refr_device_tstamp, the canonical name is refr_dvce_tstamp.
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    expect(ours).toEqual(theirs);
  });

  it('rejects what the SDK lets through', () => {
    const line = enrichedLine({ txn_id: '123.456' });
    expect((transform(line) as { txn_id: number }).txn_id).toBe(123);
    expect(parseToSdkJson(line).ok).toBe(false);
  });
});

describe('shreddedName', () => {
  it.each([
    ['contexts', 'iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0', 'contexts_com_snowplowanalytics_snowplow_web_page_1'],
    ['contexts', 'iglu:org.w3/PerformanceTiming/jsonschema/1-0-0', 'contexts_org_w3_performance_timing_1'],
    ['contexts', 'iglu:com.acme-corp.shop/HTTPHeaderSet/jsonschema/12-1-0', 'contexts_com_acme_corp_shop_httpheader_set_12'],
    ['unstruct_event', 'iglu:com.Acme/add_to_cart/jsonschema/2-0-1', 'unstruct_event_com_acme_add_to_cart_2'],
  ] as const)('%s %s', (prefix, schema, expected) => {
    expect(shreddedName(prefix, schema)).toBe(expected);
  });

  it('refuses what is not an Iglu URI', () => {
    expect(() => shreddedName('contexts', 'http://example.com/schema')).toThrow('not an Iglu schema URI: http://example.com/schema');
  });
});
