import { describe, expect, it } from 'vitest';
import {
  checkFeatureNames,
  contextProblems,
  FeatureOrderMismatchError,
  InvalidContextValueError,
  MODEL_FEATURE_NAMES,
  MODEL_FEATURES,
  MODEL_INPUTS,
  ModelInputError,
  deriveModelInputs,
  toFeatureVector,
} from '../../../lib/model';
import { defineFeatureGroup } from '../../../schemas/feature-group-declaration';
import { PRODUCT_ACTIVITY, USER_ACTIVITY } from '../../../schemas/feature-groups';

const NOW = Date.parse('2026-11-22T10:00:00.000Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();

const user = (secondsAgo = 10): Record<string, string> => ({
  domain_userid: 'u1', event_time: at(secondsAgo), page_views_5m: '2', page_views_1h: '5', events_1h: '9', link_clicks_1h: '1',
  add_to_carts_1h: '1', transactions_24h: '0', revenue_24h: '12.5', distinct_pages_1h: '4', sessions_24h: '2',
  last_event_name: 'event', device_class: 'Phone', country: 'BR', is_logged_in: '1',
});
const column = (vector: number[], name: string) => vector[MODEL_FEATURE_NAMES.indexOf(name)];

describe('MODEL_FEATURES', () => {
  it('is derived from the declarations: every feature but the identifier and event time, in declaration order', () => {
    const numericUser = USER_ACTIVITY.features.filter((f) => f.type !== 'String').map((f) => f.name);
    const numericProduct = PRODUCT_ACTIVITY.features.filter((f) => f.type !== 'String').map((f) => 'product_' + f.name);
    const numeric = MODEL_INPUTS.filter((i) => i.kind === 'numeric' && i.source !== undefined).map((i) => i.name);
    expect(numeric).toEqual([...numericUser, ...numericProduct]);
    expect(MODEL_INPUTS.filter((i) => i.kind === 'category').map((i) => i.name)).toEqual(['last_event_name', 'device_class', 'country']);
    expect(MODEL_FEATURE_NAMES).toContain('device_class__Phone');
    expect(MODEL_FEATURE_NAMES).toContain('country__other');
    expect(MODEL_FEATURE_NAMES.at(-1)).toBe('user_event_age_s');
    expect(new Set(MODEL_FEATURE_NAMES).size).toBe(MODEL_FEATURES.length);
    // XGBoost rejects feature names with [, ] or <
    for (const name of MODEL_FEATURE_NAMES) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('refuses a String feature without a vocabulary, naming it', () => {
    const group = defineFeatureGroup({ ...USER_ACTIVITY, name: 'g', features: [...USER_ACTIVITY.features, { name: 'browser', type: 'String', window: null, description: 'd', computation: 'c' }] });
    expect(() => deriveModelInputs([{ group, prefix: '' }])).toThrow(ModelInputError);
    expect(() => deriveModelInputs([{ group, prefix: '' }])).toThrow(/feature 'browser'/);
  });
});

describe('toFeatureVector', () => {
  it('encodes a full user record in the model order, from Feature Store records or a map alike', () => {
    const map = user();
    const records = Object.entries(map).map(([FeatureName, ValueAsString]) => ({ FeatureName, ValueAsString }));
    const a = toFeatureVector({ user_activity: map }, { nowMs: NOW });
    const b = toFeatureVector({ user_activity: records }, { nowMs: NOW });
    expect(b).toEqual(a);
    expect(a.vector).toHaveLength(MODEL_FEATURE_NAMES.length);
    expect(column(a.vector, 'page_views_1h')).toBe(5);
    expect(column(a.vector, 'revenue_24h')).toBe(12.5);
    expect(column(a.vector, 'device_class__Phone')).toBe(1);
    expect(column(a.vector, 'device_class__Desktop')).toBe(0);
    expect(column(a.vector, 'last_event_name__event')).toBe(1);
    // BR is outside the vocabulary: a real value, encoded as other, not defaulted
    expect(column(a.vector, 'country__other')).toBe(1);
    expect(a.features.country).toBe('BR');
    expect(column(a.vector, 'user_event_age_s')).toBe(10);
    expect(a.featureAgeS).toBe(10);
    // no product asked for: product inputs are 0 and not listed
    expect(column(a.vector, 'product_views_1h')).toBe(0);
    expect(a.defaulted).toEqual([]);
  });

  it('defaults every input of an unknown user and lists each', () => {
    const v = toFeatureVector({ user_activity: null, product_activity: null }, { nowMs: NOW });
    expect(v.defaulted).toEqual(MODEL_INPUTS.map((i) => i.name));
    expect(new Set(Object.values(v.defaultReasons))).toEqual(new Set(['missing']));
    expect(column(v.vector, 'page_views_1h')).toBe(0);
    expect(column(v.vector, 'device_class__other')).toBe(1);
    expect(column(v.vector, 'user_event_age_s')).toBe(86_400);
    expect(v.featureAgeS).toBeNull();
    expect(v.vector.reduce((a, b) => a + b, 0)).toBe(3 + 86_400); // three `other` columns and the age
  });

  it('zeroes a windowed value whose window has passed and lists it as expired; point values stay', () => {
    const v = toFeatureVector({ user_activity: user(600) }, { nowMs: NOW });
    expect(column(v.vector, 'page_views_5m')).toBe(0);
    expect(v.defaultReasons.page_views_5m).toBe('expired');
    expect(column(v.vector, 'page_views_1h')).toBe(5);
    expect(column(v.vector, 'is_logged_in')).toBe(1);
    expect(v.defaulted).toEqual(['page_views_5m']);
    const old = toFeatureVector({ user_activity: user(2 * 86_400) }, { nowMs: NOW });
    expect(old.defaulted).toEqual(['page_views_5m', 'page_views_1h', 'events_1h', 'link_clicks_1h', 'add_to_carts_1h', 'transactions_24h', 'revenue_24h', 'distinct_pages_1h', 'sessions_24h']);
    expect(column(old.vector, 'user_event_age_s')).toBe(86_400);
  });

  it('defaults a missing or unparsable value of a present record, naming the reason', () => {
    const record = user();
    delete record.device_class;
    record.events_1h = 'lots';
    const v = toFeatureVector({ user_activity: record }, { nowMs: NOW });
    expect(v.defaultReasons).toEqual({ device_class: 'missing', events_1h: 'invalid' });
    expect(column(v.vector, 'device_class__other')).toBe(1);
    expect(column(v.vector, 'events_1h')).toBe(0);
  });

  it('reads the product record with the product_ prefix and lists its inputs when the sku has none', () => {
    const product = { sku: 'SKU-1', event_time: at(30), views_1h: '7', add_to_carts_1h: '2', purchases_24h: '1', units_24h: '3' };
    const v = toFeatureVector({ user_activity: user(), product_activity: product }, { nowMs: NOW });
    expect(column(v.vector, 'product_views_1h')).toBe(7);
    expect(column(v.vector, 'product_add_to_carts_1h')).toBe(2);
    expect(column(v.vector, 'add_to_carts_1h')).toBe(1);
    expect(v.featureAgeS).toBe(30);
    const none = toFeatureVector({ user_activity: user(), product_activity: null }, { nowMs: NOW });
    expect(none.defaulted).toEqual(['product_views_1h', 'product_add_to_carts_1h', 'product_purchases_24h', 'product_units_24h']);
  });

  it('lets request-time context override inputs, and names bad context keys', () => {
    const v = toFeatureVector({ user_activity: null }, { nowMs: NOW, context: { device_class: 'Desktop', page_views_5m: 4 } });
    expect(column(v.vector, 'device_class__Desktop')).toBe(1);
    expect(column(v.vector, 'page_views_5m')).toBe(4);
    expect(v.defaulted).not.toContain('device_class');
    expect(contextProblems({ device_class: 3, colour: 'red', page_views_5m: 'x' })).toEqual([
      expect.stringMatching(/^device_class: must be a string/),
      expect.stringMatching(/^colour: is not a model input/),
      'page_views_5m: must be a finite number',
    ]);
    expect(() => toFeatureVector({}, { context: { colour: 'red' } })).toThrow(InvalidContextValueError);
  });
});

describe('checkFeatureNames', () => {
  it('accepts the same list and names the first difference otherwise', () => {
    expect(() => checkFeatureNames('m@1', MODEL_FEATURE_NAMES)).not.toThrow();
    const swapped = [...MODEL_FEATURE_NAMES];
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    expect(() => checkFeatureNames('m@1', swapped)).toThrow(FeatureOrderMismatchError);
    expect(() => checkFeatureNames('m@1', swapped)).toThrow(/feature 1 is "events_1h" in the model but "page_views_1h"/);
    expect(() => checkFeatureNames('m@1', MODEL_FEATURE_NAMES.slice(0, -1))).toThrow(/undefined/);
  });
});
