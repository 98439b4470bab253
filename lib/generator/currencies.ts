import { BASE_CURRENCY } from './constants';

/**
 * The fixed exchange rates: how many EUR (the base currency) one unit of each currency buys.
 *
 * Fixed so that generated `_base` values are reproducible; the currency conversion enrichment
 * would use the day's rate.
 */
export const RATES_TO_BASE = {
  EUR: 1,
  USD: 0.92,
  GBP: 1.17,
  CHF: 1.05,
  SEK: 0.087,
} as const;

/** A currency the shop charges in. */
export type Currency = keyof typeof RATES_TO_BASE;

function rate(currency: string): number {
  const r = (RATES_TO_BASE as Record<string, number>)[currency];
  if (r === undefined) throw new RangeError(`unknown currency "${currency}" (known: ${Object.keys(RATES_TO_BASE).join(', ')})`);
  return r;
}

/**
 * Converts whole cents of `currency` into whole cents of the base currency, as the currency
 * conversion enrichment fills `tr_total_base` and friends (rounded to the cent).
 *
 * @example toBaseCents(10870, 'USD') // 10000 (108.70 USD is 100.00 EUR)
 */
export function toBaseCents(cents: number, currency: string): number {
  return currency === BASE_CURRENCY ? cents : Math.round(cents * rate(currency));
}

/**
 * The shop's price in `currency` for a base-currency price, in whole cents.
 *
 * @example fromBaseCents(10000, 'USD') // 10870
 */
export function fromBaseCents(baseCents: number, currency: string): number {
  return currency === BASE_CURRENCY ? baseCents : Math.round(baseCents / rate(currency));
}

/** Whole cents as the decimal the TSV holds: at most two decimals, plain notation. */
export function centsToAmount(cents: number): number {
  return cents / 100;
}
