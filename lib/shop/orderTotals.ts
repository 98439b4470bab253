/** Orders below this many cents ship for a fee (as the event generator's transactions do). */
export const FREE_SHIPPING_CENTS = 10_000;

/** The shipping fee in cents. */
export const SHIPPING_CENTS = 595;

/**
 * An order's total from its lines (unit prices as `'12.90'` text), shipping included, as
 * `numeric(12,2)` text; computed in whole cents so no float rounding reaches the database.
 */
export function orderTotals(lines: Iterable<{ readonly quantity: number; readonly price: string }>): { readonly total: string } {
  let cents = 0;
  for (const line of lines) cents += line.quantity * Math.round(Number(line.price) * 100);
  if (cents < FREE_SHIPPING_CENTS) cents += SHIPPING_CENTS;
  return { total: (cents / 100).toFixed(2) };
}
