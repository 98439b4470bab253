import { describe, expect, it } from 'vitest';
import { addToCartFields, transactionFields } from '../../lib/generator/cartEvents';
import { countryByCode } from '../../lib/generator/countries';
import { fromBaseCents, toBaseCents } from '../../lib/generator/currencies';
import type { Product } from '../../lib/generator';

const goggles: Product = { sku: 'SKU-00007', name: 'Frost Goggles', category: 'Goggles', categorySlug: 'goggles', price: 20 };
const skis: Product = { sku: 'SKU-00003', name: 'Summit Piste Skis', category: 'Skis', categorySlug: 'skis', price: 100 };

describe('cart and transaction fields', () => {
  it('converts with the fixed rates, to the cent', () => {
    expect(fromBaseCents(10_000, 'USD')).toBe(10_870);
    expect(toBaseCents(10_870, 'USD')).toBe(10_000);
    expect(fromBaseCents(2_000, 'GBP')).toBe(1_709);
    expect(toBaseCents(1_709, 'GBP')).toBe(2_000);
    expect(toBaseCents(123, 'EUR')).toBe(123);
    expect(() => toBaseCents(1, 'JPY')).toThrow('unknown currency "JPY"');
  });

  it('add-to-cart: cart / add-to-cart / SKU / currency / price in that currency', () => {
    expect(addToCartFields(skis, 'USD')).toEqual({
      event: 'struct',
      event_vendor: 'com.google.analytics',
      event_name: 'event',
      event_format: 'jsonschema',
      event_version: '1-0-0',
      se_category: 'cart',
      se_action: 'add-to-cart',
      se_label: 'SKU-00003',
      se_property: 'USD',
      se_value: '108.7',
    });
  });

  it('a small GBP order pays shipping and includes 20% VAT; base fields are in EUR', () => {
    const gb = countryByCode('GB');
    const [transaction, item] = transactionFields('ord-000000000001', [{ product: goggles, quantity: 1, unitCents: 1_709 }], 'GBP', gb, gb.cities[0]!);
    expect(transaction).toEqual({
      event: 'transaction',
      event_vendor: 'com.snowplowanalytics.snowplow',
      event_name: 'transaction',
      event_format: 'jsonschema',
      event_version: '1-0-0',
      tr_orderid: 'ord-000000000001',
      tr_affiliation: 'snowline-web',
      tr_total: 22.18,
      tr_tax: 3.7,
      tr_shipping: 5.09,
      tr_city: 'London',
      tr_state: 'England',
      tr_country: 'GB',
      tr_currency: 'GBP',
      tr_total_base: 25.95,
      tr_tax_base: 4.33,
      tr_shipping_base: 5.96,
      base_currency: 'EUR',
    });
    expect(item).toEqual({
      event: 'transaction_item',
      event_vendor: 'com.snowplowanalytics.snowplow',
      event_name: 'transaction_item',
      event_format: 'jsonschema',
      event_version: '1-0-0',
      ti_orderid: 'ord-000000000001',
      ti_sku: 'SKU-00007',
      ti_name: 'Frost Goggles',
      ti_category: 'Goggles',
      ti_price: 17.09,
      ti_quantity: 1,
      ti_currency: 'GBP',
      ti_price_base: 20,
      base_currency: 'EUR',
    });
  });

  it('an order of 100 EUR or more ships free; one item event a line', () => {
    const us = countryByCode('US');
    const events = transactionFields(
      'ord-2',
      [
        { product: skis, quantity: 2, unitCents: 10_870 },
        { product: goggles, quantity: 1, unitCents: 2_174 },
      ],
      'USD',
      us,
      us.cities[0]!,
    );
    expect(events).toHaveLength(3);
    expect([events[0]!.tr_total, events[0]!.tr_shipping, events[0]!.tr_tax, events[0]!.tr_total_base]).toEqual([239.14, 0, 0, 220.01]);
    expect(events.slice(1).map((e) => [e.ti_sku, e.ti_quantity, e.ti_price, e.ti_price_base])).toEqual([
      ['SKU-00003', 2, 108.7, 100],
      ['SKU-00007', 1, 21.74, 20],
    ]);
  });
});
