/**
 * Readers for the scalar TSV types, reading `text` between `start` and `end` in place so that the
 * hot path allocates no substring. Each returns NaN for an impossible value (never throws), so
 * the caller can name the field. They are stricter than the reference SDK's `parseInt` and
 * `parseFloat` (see the README's list of differences).
 */

const ZERO = 48;
const NINE = 57;
const MINUS = 45;

/** A whole number in decimal digits with an optional minus sign, within ±2^53. */
export function readInteger(text: string, start = 0, end = text.length): number {
  const negative = text.charCodeAt(start) === MINUS;
  let i = negative ? start + 1 : start;
  if (i === end || end - i > 16) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return NaN;
    n = n * 10 + (c - ZERO);
  }
  if (n > Number.MAX_SAFE_INTEGER) return NaN;
  return negative ? -n : n;
}

/**
 * A finite decimal number, optionally in scientific notation (`1.0E-4`, as the JVM writes it):
 * `-?(digits[.digits?] | .digits)([eE][+-]?digits)?`.
 */
export function readDouble(text: string, start = 0, end = text.length): number {
  const negative = text.charCodeAt(start) === MINUS;
  let i = negative ? start + 1 : start;
  let mantissa = 0;
  let digitCount = 0;
  let fractionDigits = 0;
  const intStart = i;
  for (let c = text.charCodeAt(i); i < end && c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) mantissa = mantissa * 10 + (c - ZERO);
  digitCount = i - intStart;
  if (i < end && text.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    for (let c = text.charCodeAt(i); i < end && c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) mantissa = mantissa * 10 + (c - ZERO);
    fractionDigits = i - fractionStart;
    digitCount += fractionDigits;
  }
  if (digitCount === 0) return NaN;
  let exponent = false;
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    exponent = true;
    i++;
    if (i < end && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === MINUS)) i++;
    const exponentStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === exponentStart) return NaN;
  }
  if (i !== end) return NaN;
  // With at most 15 digits the mantissa and the power of ten are exact doubles, and IEEE division
  // rounds correctly, so this equals Number(text) without making a substring.
  if (!exponent && digitCount <= 15) {
    const value = mantissa / POWERS_OF_TEN[fractionDigits]!;
    return negative ? -value : value;
  }
  const n = Number(text.slice(start, end));
  return Number.isFinite(n) ? n : NaN;
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** `"1"` is 1 (true) and `"0"` is 0 (false); anything else is impossible (NaN). */
export function readBoolean(text: string, start = 0, end = text.length): number {
  if (end - start !== 1) return NaN;
  const c = text.charCodeAt(start);
  return c === 49 ? 1 : c === ZERO ? 0 : NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * An enriched-event timestamp, `YYYY-MM-DD hh:mm:ss` with an optional fraction of 1 to 9 digits,
 * always UTC, as epoch milliseconds (a fraction finer than a millisecond is truncated).
 *
 * @example readTimestamp('2013-11-26 00:03:57.885') // 1385424237885
 */
export function readTimestamp(text: string, start = 0, end = text.length): number {
  const length = end - start;
  if (length !== 19 && (length < 21 || length > 29)) return NaN;
  const s = start;
  if (
    text.charCodeAt(s + 4) !== MINUS ||
    text.charCodeAt(s + 7) !== MINUS ||
    text.charCodeAt(s + 10) !== 32 ||
    text.charCodeAt(s + 13) !== 58 ||
    text.charCodeAt(s + 16) !== 58
  ) {
    return NaN;
  }
  // Unrolled: every timestamp field of every event comes through here.
  const y0 = digit(text, s), y1 = digit(text, s + 1), y2 = digit(text, s + 2), y3 = digit(text, s + 3);
  const mo0 = digit(text, s + 5), mo1 = digit(text, s + 6), d0 = digit(text, s + 8), d1 = digit(text, s + 9);
  const h0 = digit(text, s + 11), h1 = digit(text, s + 12), mi0 = digit(text, s + 14), mi1 = digit(text, s + 15);
  const s0 = digit(text, s + 17), s1 = digit(text, s + 18);
  if ((y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1) < 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (day > DAYS_IN_MONTH[month - 1]! + leap) return NaN;
  let millis = 0;
  if (length > 19) {
    if (text.charCodeAt(s + 19) !== 46) return NaN;
    for (let i = s + 20, scale = 100; i < end; i++, scale /= 10) {
      const d = digit(text, i);
      if (d < 0) return NaN;
      if (scale >= 1) millis += d * scale;
    }
  }
  return (daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) * 1000 + millis;
}

/** The digit at `i`, or -1 when it is not one. */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, in integer arithmetic: several times faster
 * than `Date.UTC`, which matters when every event has five timestamps.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
