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
  let i = text.charCodeAt(start) === MINUS ? start + 1 : start;
  const intStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  let mantissaDigits = i - intStart;
  if (i < end && text.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    mantissaDigits += i - fractionStart;
  }
  if (mantissaDigits === 0) return NaN;
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    i++;
    if (i < end && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === MINUS)) i++;
    const exponentStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === exponentStart) return NaN;
  }
  if (i !== end) return NaN;
  const n = Number(text.slice(start, end));
  return Number.isFinite(n) ? n : NaN;
}

const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** `"1"` is 1 (true) and `"0"` is 0 (false); anything else is impossible (NaN). */
export function readBoolean(text: string, start = 0, end = text.length): number {
  if (end - start !== 1) return NaN;
  const c = text.charCodeAt(start);
  return c === 49 ? 1 : c === ZERO ? 0 : NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    n = n * 10 + (c - ZERO);
  }
  return n;
}

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
  const year = digits(text, s, 4);
  const month = digits(text, s + 5, 2);
  const day = digits(text, s + 8, 2);
  const hour = digits(text, s + 11, 2);
  const minute = digits(text, s + 14, 2);
  const second = digits(text, s + 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  if (second < 0 || second > 59) return NaN;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (day > DAYS_IN_MONTH[month - 1]! + leap) return NaN;
  let millis = 0;
  if (length > 19) {
    if (text.charCodeAt(s + 19) !== 46) return NaN;
    if (digits(text, s + 20, length - 20) < 0) return NaN;
    millis = length >= 23 ? digits(text, s + 20, 3) : digits(text, s + 20, length - 20) * 10 ** (23 - length);
  }
  return (daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) * 1000 + millis;
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
