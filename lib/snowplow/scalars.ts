/**
 * Readers for the scalar TSV types. Each returns `undefined` for an impossible value, so the
 * caller can name the field; none of them throws. They are stricter than the reference SDK's
 * `parseInt`/`parseFloat` (see the README's list of differences).
 */

const ZERO = 48;
const NINE = 57;
const MINUS = 45;

/** A whole number written in decimal digits with an optional minus sign, within ±2^53. */
export function readInteger(text: string): number | undefined {
  const length = text.length;
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  if (i === length || length - i > 16) return undefined;
  let n = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return undefined;
    n = n * 10 + (c - ZERO);
  }
  if (!Number.isSafeInteger(n)) return undefined;
  return text.charCodeAt(0) === MINUS ? -n : n;
}

const DOUBLE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A finite decimal number, optionally in scientific notation (`1.0E-4`, as the JVM writes it). */
export function readDouble(text: string): number | undefined {
  if (!DOUBLE.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** `"1"` is true and `"0"` false; anything else is impossible. */
export function readBoolean(text: string): boolean | undefined {
  if (text === '1') return true;
  if (text === '0') return false;
  return undefined;
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
export function readTimestamp(text: string): number | undefined {
  const length = text.length;
  if (length !== 19 && (length < 21 || length > 29)) return undefined;
  if (
    text.charCodeAt(4) !== MINUS ||
    text.charCodeAt(7) !== MINUS ||
    text.charCodeAt(10) !== 32 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  if (second < 0 || second > 59) return undefined;
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 1 : 0;
  if (day > (DAYS_IN_MONTH[month - 1] as number) + leap) return undefined;
  let millis = 0;
  if (length > 19) {
    if (text.charCodeAt(19) !== 46) return undefined;
    const fraction = digits(text, 20, length - 20);
    if (fraction < 0) return undefined;
    millis = length >= 23 ? digits(text, 20, 3) : fraction * 10 ** (23 - length);
  }
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC reads years 0-99 as 1900-1999.
  return year < 100 ? new Date(epoch).setUTCFullYear(year) : epoch;
}
