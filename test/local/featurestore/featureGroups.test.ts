import { describe, expect, it } from 'vitest';
import { toFeatureDefinitions } from '../../../schemas/feature-definitions';
import { defineFeatureGroup, FEATURE_NAME_PATTERN } from '../../../schemas/feature-group-declaration';
import { InvalidFeatureGroupError } from '../../../schemas/feature-group-errors';
import { FEATURE_GROUPS, PRODUCT_ACTIVITY, USER_ACTIVITY } from '../../../schemas/feature-groups';

const base = {
  name: 'test_group',
  description: 'a test group',
  recordIdentifierFeatureName: 'id',
  eventTimeFeatureName: 'ts',
  onlineStore: true,
  offlineStore: true,
  features: [
    { name: 'id', type: 'String', window: null, description: 'id', computation: 'given' },
    { name: 'ts', type: 'String', window: null, description: 'time', computation: 'given' },
  ],
} as const;

function declarationError(input: unknown): { name: string; message: string; field: string } {
  try {
    defineFeatureGroup(input as Parameters<typeof defineFeatureGroup>[0]);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFeatureGroupError);
    const invalid = error as InvalidFeatureGroupError;
    return { name: invalid.name, message: invalid.message, field: invalid.field };
  }
  throw new Error('expected the declaration to be rejected');
}

describe('the feature group declarations', () => {
  it('declares user_activity as CreateFeatureGroup FeatureDefinitions', () => {
    expect(USER_ACTIVITY.recordIdentifierFeatureName).toBe('domain_userid');
    expect(USER_ACTIVITY.eventTimeFeatureName).toBe('event_time');
    expect(toFeatureDefinitions(USER_ACTIVITY)).toEqual([
      { FeatureName: 'domain_userid', FeatureType: 'String' },
      { FeatureName: 'event_time', FeatureType: 'String' },
      { FeatureName: 'page_views_5m', FeatureType: 'Integral' },
      { FeatureName: 'page_views_1h', FeatureType: 'Integral' },
      { FeatureName: 'events_1h', FeatureType: 'Integral' },
      { FeatureName: 'link_clicks_1h', FeatureType: 'Integral' },
      { FeatureName: 'add_to_carts_1h', FeatureType: 'Integral' },
      { FeatureName: 'transactions_24h', FeatureType: 'Integral' },
      { FeatureName: 'revenue_24h', FeatureType: 'Fractional' },
      { FeatureName: 'distinct_pages_1h', FeatureType: 'Integral' },
      { FeatureName: 'sessions_24h', FeatureType: 'Integral' },
      { FeatureName: 'last_event_name', FeatureType: 'String' },
      { FeatureName: 'device_class', FeatureType: 'String' },
      { FeatureName: 'country', FeatureType: 'String' },
      { FeatureName: 'is_logged_in', FeatureType: 'Integral' },
    ]);
  });

  it('declares product_activity as CreateFeatureGroup FeatureDefinitions', () => {
    expect(PRODUCT_ACTIVITY.recordIdentifierFeatureName).toBe('sku');
    expect(toFeatureDefinitions(PRODUCT_ACTIVITY)).toEqual([
      { FeatureName: 'sku', FeatureType: 'String' },
      { FeatureName: 'event_time', FeatureType: 'String' },
      { FeatureName: 'views_1h', FeatureType: 'Integral' },
      { FeatureName: 'add_to_carts_1h', FeatureType: 'Integral' },
      { FeatureName: 'purchases_24h', FeatureType: 'Integral' },
      { FeatureName: 'units_24h', FeatureType: 'Integral' },
    ]);
  });

  it('gives every feature a window, a description and how it is computed', () => {
    const windows = Object.fromEntries(FEATURE_GROUPS.flatMap((group) => group.features.map((feature) => [`${group.name}.${feature.name}`, feature.window])));
    expect(windows).toMatchObject({
      'user_activity.page_views_5m': '5m',
      'user_activity.page_views_1h': '1h',
      'user_activity.revenue_24h': '24h',
      'user_activity.sessions_24h': '24h',
      'user_activity.country': null,
      'product_activity.views_1h': '1h',
      'product_activity.units_24h': '24h',
    });
    for (const group of FEATURE_GROUPS) {
      expect(group.onlineStore && group.offlineStore).toBe(true);
      for (const feature of group.features) {
        expect(feature.name).toMatch(FEATURE_NAME_PATTERN);
        expect(feature.description.length).toBeGreaterThan(1);
        expect(feature.computation.length).toBeGreaterThan(1);
      }
    }
    expect(Object.isFrozen(USER_ACTIVITY.features[0])).toBe(true);
  });

  it('rejects declarations that break Feature Store rules, naming the group and field', () => {
    expect(declarationError({ ...base, name: 'bad name' })).toEqual({
      name: 'InvalidFeatureGroupError',
      message: "feature group 'bad name': name must match ^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$",
      field: 'name',
    });
    expect(declarationError({ ...base, features: [...base.features, { name: 'is_deleted', type: 'Integral', window: null, description: 'd', computation: 'c' }] }).message).toBe(
      "feature group 'test_group': features.2.name must not be one of the reserved names is_deleted, write_time, api_invocation_time",
    );
    expect(declarationError({ ...base, features: [...base.features, { name: 'ID', type: 'String', window: null, description: 'd', computation: 'c' }] }).message).toBe(
      "feature group 'test_group': features.2.name duplicates feature 'ID' (names are case-insensitive)",
    );
    expect(declarationError({ ...base, recordIdentifierFeatureName: 'missing' }).message).toBe(
      "feature group 'test_group': recordIdentifierFeatureName must name a declared String or Integral feature",
    );
    expect(declarationError({ ...base, features: [base.features[0], { ...base.features[1], type: 'Integral' }] }).message).toBe(
      "feature group 'test_group': eventTimeFeatureName must name a declared String or Fractional feature",
    );
    expect(declarationError({ ...base, onlineStore: false, offlineStore: false }).field).toBe('onlineStore');
    expect(declarationError({ ...base, features: [...base.features, { name: 'x', type: 'Integral', window: '1 hour', description: 'd', computation: 'c' }] }).field).toBe(
      'features.2.window',
    );
  });
});
