import type { EnrichedEvent } from '../../schemas/enriched-event';
import type { Product } from './catalog';
import { BASE_CURRENCY, SHOP_AFFILIATION } from './constants';
import type { Country, City } from './countries';
import { centsToAmount, fromBaseCents, toBaseCents } from './currencies';
import { eventTypeFields } from './eventTypes';

/** A line of a cart: a product, its quantity, and its unit price in the visitor's currency. */
export interface CartLine {
  readonly product: Product;
  quantity: number;
  /** Unit price in whole cents of the visitor's currency. */
  readonly unitCents: number;
}

/** Orders at or above this base-currency amount (cents) ship free. */
const FREE_SHIPPING_BASE_CENTS = 10_000;
/** The shipping fee in base-currency cents. */
const SHIPPING_BASE_CENTS = 595;

/** A product's unit price in whole cents of `currency`. */
export function unitCents(product: Product, currency: string): number {
  return fromBaseCents(Math.round(product.price * 100), currency);
}

/**
 * The add-to-cart structured event: `se_category` cart, `se_action` add-to-cart, `se_label` the
 * SKU, `se_value` the unit price in the visitor's currency, `se_property` that currency.
 */
export function addToCartFields(product: Product, currency: string): Partial<EnrichedEvent> {
  return {
    ...eventTypeFields('struct'),
    se_category: 'cart',
    se_action: 'add-to-cart',
    se_label: product.sku,
    se_property: currency,
    se_value: String(centsToAmount(unitCents(product, currency))),
  };
}

/**
 * The transaction event and one transaction_item event per cart line, with the `_base` fields
 * and `base_currency` that the currency conversion enrichment adds. Prices include VAT; tax is
 * the VAT share of the total; shipping is free from 100 EUR.
 */
export function transactionFields(
  orderId: string,
  cart: readonly CartLine[],
  currency: string,
  country: Country,
  city: City,
): Partial<EnrichedEvent>[] {
  const subtotal = cart.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
  const shipping = toBaseCents(subtotal, currency) >= FREE_SHIPPING_BASE_CENTS ? 0 : fromBaseCents(SHIPPING_BASE_CENTS, currency);
  const total = subtotal + shipping;
  const tax = Math.round((total * country.vat) / (1 + country.vat));
  const transaction: Partial<EnrichedEvent> = {
    ...eventTypeFields('transaction'),
    tr_orderid: orderId,
    tr_affiliation: SHOP_AFFILIATION,
    tr_total: centsToAmount(total),
    tr_tax: centsToAmount(tax),
    tr_shipping: centsToAmount(shipping),
    tr_city: city.name,
    tr_state: city.regionName,
    tr_country: country.code,
    tr_currency: currency,
    tr_total_base: centsToAmount(toBaseCents(total, currency)),
    tr_tax_base: centsToAmount(toBaseCents(tax, currency)),
    tr_shipping_base: centsToAmount(toBaseCents(shipping, currency)),
    base_currency: BASE_CURRENCY,
  };
  const items = cart.map(
    (line): Partial<EnrichedEvent> => ({
      ...eventTypeFields('transaction_item'),
      ti_orderid: orderId,
      ti_sku: line.product.sku,
      ti_name: line.product.name,
      ti_category: line.product.category,
      ti_price: centsToAmount(line.unitCents),
      ti_quantity: line.quantity,
      ti_currency: currency,
      ti_price_base: centsToAmount(toBaseCents(line.unitCents, currency)),
      base_currency: BASE_CURRENCY,
    }),
  );
  return [transaction, ...items];
}
