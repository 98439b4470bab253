import { describe, expect, it } from 'vitest';
import { transform } from 'snowplow-analytics-sdk';
import { parseToSdkJson } from '../../../lib/snowplow';
import { enrichedLine } from '../../helpers/events';
import type { EnrichedFieldName } from '../../../schemas/enriched-event';

// Each row of the README's table "Where we differ from the snowplow-analytics-sdk npm package".
const sdk = (overrides: Partial<Record<EnrichedFieldName, string>>) => transform(enrichedLine(overrides)) as unknown as Record<string, unknown>;
const ours = (overrides: Partial<Record<EnrichedFieldName, string>>) => parseToSdkJson(enrichedLine(overrides));
const contexts = (data: unknown) => JSON.stringify({ schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1', data });

describe('the README\'s list of differences from the SDK is true', () => {
  it.each([
    ['123.456', 123], ['12x', 12], [' 12', 12], ['1e3', 1], ['0x1A', 26],
  ])('integer %j: the SDK gives %d, we reject', (text, sdkValue) => {
    expect(sdk({ txn_id: text }).txn_id).toBe(sdkValue);
    expect(ours({ txn_id: text }).ok).toBe(false);
  });

  it.each([
    ['1.5abc', 1.5], [' 1.5', 1.5], ['Infinity', Infinity], ['1e999', Infinity],
  ])('double %j: the SDK gives %d, we reject', (text, sdkValue) => {
    expect(sdk({ tr_total: text }).tr_total).toBe(sdkValue);
    expect(ours({ tr_total: text }).ok).toBe(false);
  });

  it('timestamps: the SDK accepts any text', () => {
    expect(sdk({ derived_tstamp: 'yesterday' }).derived_tstamp).toBe('yesterdayZ');
    expect(ours({ derived_tstamp: 'yesterday' }).ok).toBe(false);
  });

  it.each(['urn:x/y/z/1-0-0', 'iglu:a/b/c/x-y'])('schema %s: the SDK accepts, we reject', (schema) => {
    const field = contexts([{ schema, data: {} }]);
    expect(() => sdk({ contexts: field })).not.toThrow();
    expect(ours({ contexts: field }).ok).toBe(false);
  });

  it('a context without data: the SDK keeps an undefined entry, we reject', () => {
    const field = contexts([{ schema: 'iglu:com.acme/thing/jsonschema/1-0-0' }]);
    expect(sdk({ contexts: field }).contexts_com_acme_thing_1).toEqual([undefined]);
    expect(ours({ contexts: field }).ok).toBe(false);
  });

  it('an envelope without an Iglu schema: the SDK accepts, we reject', () => {
    const field = JSON.stringify({ data: [{ schema: 'iglu:com.acme/thing/jsonschema/1-0-0', data: {} }] });
    expect(() => sdk({ contexts: field })).not.toThrow();
    expect(ours({ contexts: field }).ok).toBe(false);
  });

  it('a vendor with a dash: the SDK rejects, we accept', () => {
    const field = contexts([{ schema: 'iglu:com.acme-corp/thing/jsonschema/1-0-0', data: { a: 1 } }]);
    expect(() => sdk({ contexts: field })).toThrow('Wrong schema format.');
    const result = ours({ contexts: field });
    expect(result.ok && result.json.contexts_com_acme_corp_thing_1).toEqual([{ a: 1 }]);
  });

  it('field 121: the SDK says refr_device_tstamp, we say refr_dvce_tstamp', () => {
    expect(sdk({ refr_dvce_tstamp: '2026-11-22 10:00:00' }).refr_device_tstamp).toBe('2026-11-22T10:00:00Z');
    const result = ours({ refr_dvce_tstamp: '2026-11-22 10:00:00' });
    expect(result.ok && result.json.refr_dvce_tstamp).toBe('2026-11-22T10:00:00Z');
  });

  it('the same schema in contexts and derived_contexts: both keep only the derived ones', () => {
    const overrides = {
      contexts: contexts([{ schema: 'iglu:com.acme/thing/jsonschema/1-0-0', data: { from: 'contexts' } }]),
      derived_contexts: contexts([{ schema: 'iglu:com.acme/thing/jsonschema/1-0-0', data: { from: 'derived' } }]),
    };
    expect(sdk(overrides).contexts_com_acme_thing_1).toEqual([{ from: 'derived' }]);
    const result = ours(overrides);
    expect(result.ok && result.json.contexts_com_acme_thing_1).toEqual([{ from: 'derived' }]);
  });
});
