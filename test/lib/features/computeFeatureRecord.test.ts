import { describe, expect, it } from 'vitest';
import { compileFeatureGroup, computeFeatureRecord, decodeEntry, encodeEntry, type FeatureEntry } from '../../../lib/features';
import { PRODUCT_ACTIVITY, USER_ACTIVITY } from '../../../schemas/feature-groups';

const user = compileFeatureGroup(USER_ACTIVITY);
const product = compileFeatureGroup(PRODUCT_ACTIVITY);
const T = Date.parse('2026-11-22T12:00:00.000Z');
const MIN = 60_000;

/** A user entry: values in user.entryValues order (revenue, page_urlpath, domain_sessionid). */
const entry = (t: number, kind: FeatureEntry['kind'], values: Partial<Record<'revenue' | 'page_urlpath' | 'domain_sessionid', string>> = {}): FeatureEntry => ({
  t,
  kind,
  values: user.entryValues.map((v) => (values as Record<string, string>)[v] ?? null),
});

const valuesOf = (record: { FeatureName: string; ValueAsString: string }[]) => Object.fromEntries(record.map((v) => [v.FeatureName, v.ValueAsString]));

describe('compileFeatureGroup', () => {
  it('reads the declared aggregates: entries keep only the values windowed features read', () => {
    expect(user.entryValues).toEqual(['revenue', 'page_urlpath', 'domain_sessionid']);
    expect(user.valuesByKind.page_view).toEqual([false, true, true]);
    expect(user.valuesByKind.transaction).toEqual([true, false, true]);
    expect(user.valuesByKind.other).toEqual([false, false, true]);
    expect(user.point.map((p) => p.name)).toEqual(['last_event_name', 'device_class', 'country', 'is_logged_in']);
    expect(user.maxWindowMs).toBe(86_400_000);
    expect(product.entryValues).toEqual(['ti_quantity']);
    expect(product.point).toEqual([]);
  });
});

describe('computeFeatureRecord', () => {
  it('windows are (T − window, T]: an event exactly one window before T is out, one ms later is in', () => {
    const entries = [
      entry(T, 'page_view', { page_urlpath: '/a', domain_sessionid: 's1' }),
      entry(T - 5 * MIN, 'page_view', { page_urlpath: '/a', domain_sessionid: 's1' }),
      entry(T - 5 * MIN + 1, 'page_view', { page_urlpath: '/b', domain_sessionid: 's1' }),
      entry(T - 60 * MIN, 'link_click', { domain_sessionid: 's0' }),
      entry(T - 60 * MIN + 1, 'link_click', { domain_sessionid: 's2' }),
      entry(T - 24 * 60 * MIN, 'transaction', { revenue: '10000000', domain_sessionid: 's3' }),
      entry(T - 24 * 60 * MIN + 1, 'transaction', { revenue: '19990000', domain_sessionid: 's4' }),
      entry(T - 30 * MIN, 'add_to_cart', { domain_sessionid: 's2' }),
    ];
    const { record, eventTimeMs } = computeFeatureRecord(user, 'u1', entries, { last_event_name: { key: 'k', value: 'page_view' } });
    expect(eventTimeMs).toBe(T);
    expect(valuesOf(record)).toEqual({
      domain_userid: 'u1',
      event_time: '2026-11-22T12:00:00.000Z',
      page_views_5m: '2',
      page_views_1h: '3',
      events_1h: '5',
      link_clicks_1h: '1',
      add_to_carts_1h: '1',
      transactions_24h: '1',
      revenue_24h: '19.99',
      distinct_pages_1h: '2',
      sessions_24h: '4',
      last_event_name: 'page_view',
      device_class: 'Unknown',
      is_logged_in: '0',
    });
    // declaration order, and no country until an event had one
    expect(record.map((v) => v.FeatureName)).toEqual(USER_ACTIVITY.features.map((f) => f.name).filter((n) => n !== 'country'));
  });

  it('sums revenue exactly to the cent in micro-units (0.1 + 0.2 is 0.3)', () => {
    const entries = [entry(T, 'transaction', { revenue: '100000' }), entry(T - 1, 'transaction', { revenue: '200000' })];
    expect(valuesOf(computeFeatureRecord(user, 'u', entries, {}).record).revenue_24h).toBe('0.3');
  });

  it('product units are summed from ti_quantity, purchases counted', () => {
    const entries: FeatureEntry[] = [
      { t: T, kind: 'transaction_item', values: ['3'] },
      { t: T - 1000, kind: 'transaction_item', values: ['2'] },
      { t: T - 2000, kind: 'page_view', values: [null] },
    ];
    expect(valuesOf(computeFeatureRecord(product, 'SKU-1', entries, {}).record)).toEqual({
      sku: 'SKU-1', event_time: '2026-11-22T12:00:00.000Z', views_1h: '1', add_to_carts_1h: '0', purchases_24h: '2', units_24h: '5',
    });
  });
});

describe('encodeEntry', () => {
  it('round-trips an entry, nulls included', () => {
    const e = entry(T, 'page_view', { page_urlpath: '/products/SKU-00042', domain_sessionid: 'c0ffee' });
    expect(encodeEntry(e)).toBe(`${T.toString(36)}\tv\t\t/products/SKU-00042\tc0ffee`);
    expect(decodeEntry(encodeEntry(e))).toEqual(e);
  });

  it('refuses what is not an entry', () => {
    expect(decodeEntry('zz')).toBeUndefined();
    expect(decodeEntry(`${T.toString(36)}\tq\tx`)).toBeUndefined();
  });
});
