import { InvalidAmountError } from './errors';

/** Decimal places of sums: amounts are added as integers of 10^-6 (micro-units), exactly. */
export const SUM_SCALE = 6;

const SCALE_FACTOR = 10 ** SUM_SCALE;

/**
 * A decimal amount (as the parser gives it, a double) in micro-units. Exact for amounts of up to
 * six decimals and below 2^53 micro-units (9 billion): `112.4` is `112400000`, not `112399999`.
 *
 * @throws InvalidAmountError naming the event and field when the amount is not finite.
 */
export function toMicroUnits(amount: number, eventId: string | null, field: string): number {
  const micro = Math.round(amount * SCALE_FACTOR);
  if (!Number.isSafeInteger(micro)) throw new InvalidAmountError(eventId, field, amount);
  return micro;
}

/**
 * An integer amount of 10^-scale units as a DynamoDB number string, exact and without exponent.
 *
 * @example
 * formatScaled(168390000, 6); // '168.39'
 * formatScaled(-5, 6); // '-0.000005'
 * formatScaled(42, 0); // '42'
 */
export function formatScaled(amount: number, scale: number): string {
  if (scale === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(scale + 1, '0');
  const whole = digits.slice(0, -scale);
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}
