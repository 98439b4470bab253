import { describe, expect, it } from 'vitest';
import { collectEntityBatches, compileFeatureGroup, deviceClassOf, entityOf, factKey, fingerprint, kindOf } from '../../../lib/features';
import { UnsupportedFeatureError } from '../../../lib/features';
import { parseEnrichedEvent } from '../../../lib/snowplow';
import { defineFeatureGroup } from '../../../schemas/feature-group-declaration';
import { FEATURE_GROUPS } from '../../../schemas/feature-groups';
import { InvalidFeatureGroupError } from '../../../schemas/feature-group-errors';
import { generateEvents } from '../../../lib/generator';

const groups = FEATURE_GROUPS.map(compileFeatureGroup);
const generated = [...generateEvents({ events: 400, seed: 3 })];
const parsed = generated.map((g) => {
  const r = parseEnrichedEvent(g.line);
  if (!r.ok) throw new Error('generated line did not parse');
  return r.event;
});
const batchOf = (events: typeof parsed) => events.map((event, i) => ({ event, line: event.line, eventTimeMs: generated[i]!.eventTimeMs, sequenceNumber: String(100 + i) }));

describe('readEventFacts', () => {
  it('classifies the generated kinds and finds the product an event refers to', () => {
    const count = (kind: string) => parsed.filter((e) => kindOf(e) === kind).length;
    expect(count('page_view')).toBe(generated.filter((g) => g.event.event_name === 'page_view').length);
    expect(count('add_to_cart')).toBe(generated.filter((g) => g.event.se_action === 'add-to-cart').length);
    expect(count('page_view')).toBeGreaterThan(50);
    expect(count('add_to_cart')).toBeGreaterThan(0);
    for (const e of parsed) {
      const sku = entityOf(e, 'sku', kindOf(e));
      if (kindOf(e) === 'transaction_item') expect(sku).toBe(e.ti_sku);
      else if (kindOf(e) === 'add_to_cart') expect(sku).toBe(e.se_label);
      else if (kindOf(e) === 'page_view' && e.page_urlpath!.startsWith('/products/')) expect(sku).toBe(e.page_urlpath!.slice('/products/'.length));
      else expect(sku).toBeNull();
    }
  });

  it('the device class is YAUAA’s deviceClass, else Unknown', () => {
    expect(deviceClassOf(parsed[0]!)).toBe((generated[0]!.event.derived_contexts!.data[1]!.data as { deviceClass: string }).deviceClass);
    expect(deviceClassOf({ derived_contexts: null })).toBe('Unknown');
    expect(deviceClassOf({ derived_contexts: { schema: 'iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0', data: [] } })).toBe('Unknown');
  });
});

describe('collectEntityBatches', () => {
  it('one entry per event and entity; a copy (same event_id) merges; the lowest sequence number is kept', () => {
    const events = batchOf(parsed);
    const withCopy = [...events, { ...events[0]!, sequenceNumber: '999' }];
    const batches = collectEntityBatches(withCopy, groups);
    const userKey = `user_activity#${parsed[0]!.domain_userid}`;
    const expectedEntries = new Set(parsed.filter((e) => e.domain_userid === parsed[0]!.domain_userid).map((e) => fingerprint(e.event_id, e.line)));
    expect(new Set(batches.get(userKey)!.entries.keys())).toEqual(expectedEntries);
    expect(batches.get(userKey)!.lowestSequenceNumber).toBe('100');
    const users = new Set(parsed.map((e) => e.domain_userid));
    const skus = new Set(parsed.map((e) => entityOf(e, 'sku', kindOf(e))).filter((s) => s !== null));
    expect(batches.size).toBe(users.size + skus.size);
  });

  it('the latest fact wins by event time, then event_id; country keeps the latest event that has one', () => {
    const [a, b] = [generated[0]!.event, generated[1]!.event];
    const t = 1_763_812_800_000;
    const idA = a.event_id!;
    const later = idA < 'zzzz' ? 'zzzz' : '0000';
    expect(a.geo_country).not.toBeNull();
    const events = [
      { event: a, line: generated[0]!.line, eventTimeMs: t, sequenceNumber: '1' },
      { event: { ...b, event_id: later, domain_userid: a.domain_userid, geo_country: null }, line: generated[1]!.line, eventTimeMs: t, sequenceNumber: '2' },
    ];
    const batch = collectEntityBatches(events, groups).get(`user_activity#${a.domain_userid}`)!;
    expect(batch.facts.get('last_event_name')).toEqual({ key: factKey(t, later, ''), value: b.event_name });
    expect(batch.facts.get('country')).toEqual({ key: factKey(t, idA, ''), value: a.geo_country });
  });
});

describe('declarations', () => {
  const base = { name: 'g', description: 'd', recordIdentifierFeatureName: 'id', eventTimeFeatureName: 't', onlineStore: true, offlineStore: false };
  const keys = [
    { name: 'id', type: 'String', window: null, description: 'd', computation: 'c' },
    { name: 't', type: 'String', window: null, description: 'd', computation: 'c' },
  ] as const;

  it('a feature without an aggregate cannot be computed, and says which', () => {
    const group = defineFeatureGroup({
      name: 'g', description: 'd', recordIdentifierFeatureName: 'domain_userid', eventTimeFeatureName: 'event_time', onlineStore: true, offlineStore: false,
      features: [
        { name: 'domain_userid', type: 'String', window: null, description: 'd', computation: 'c' },
        { name: 'event_time', type: 'String', window: null, description: 'd', computation: 'c' },
        { name: 'mystery', type: 'Integral', window: '1h', description: 'd', computation: 'c' },
      ],
    });
    expect(() => compileFeatureGroup(group)).toThrow(new UnsupportedFeatureError('g', 'mystery', 'declares no aggregate, so it cannot be computed from events'));
  });

  it('an aggregate must fit its window: a latest value has none, a count reads no value', () => {
    expect(() => defineFeatureGroup({ ...base, features: [...keys, { name: 'x', type: 'String', window: '1h', description: 'd', computation: 'c', aggregate: { op: 'latest', events: 'any', value: 'event_name' } }] }))
      .toThrow(InvalidFeatureGroupError);
    expect(() => defineFeatureGroup({ ...base, features: [...keys, { name: 'x', type: 'Integral', window: '1h', description: 'd', computation: 'c', aggregate: { op: 'count', events: 'any', value: 'page_urlpath' } }] }))
      .toThrow(/features\.2\.aggregate\.value/);
  });

  it('a resolution divides its window, tiles no distinct count, and is on every windowed feature of a group or none', () => {
    const count = (name: string, resolution?: string) => ({ name, type: 'Integral', window: '1h', ...(resolution === undefined ? {} : { resolution }), description: 'd', computation: 'c', aggregate: { op: 'count', events: 'any' } }) as const;
    const compile = (features: object[]) => compileFeatureGroup(defineFeatureGroup({ ...base, features: [...keys, ...features] as never }));
    expect(compile([count('a', '1m'), count('b', '5m')]).tiled).toBe(true);
    expect(compile([count('a'), count('b')]).tiled).toBe(false);
    expect(() => compile([count('a', '7m')])).toThrow(new UnsupportedFeatureError('g', 'a', 'its resolution 7m does not divide its window 1h'));
    expect(() => compile([count('a', '1m'), count('b')])).toThrow(new UnsupportedFeatureError('g', 'b', 'declares no resolution while others of its group do: declare one on every windowed feature or on none'));
    const distinct = { name: 'd', type: 'Integral', window: '1h', resolution: '1m', description: 'd', computation: 'c', aggregate: { op: 'distinct', events: 'any', value: 'page_urlpath' } };
    expect(() => compile([distinct])).toThrow(/'d': a distinct count cannot be kept in tiles/);
    expect(() => defineFeatureGroup({ ...base, features: [...keys, { name: 'x', type: 'String', window: null, resolution: '1m', description: 'd', computation: 'c', aggregate: { op: 'latest', events: 'any', value: 'event_name' } }] }))
      .toThrow(/features\.2\.resolution/);
  });
});
