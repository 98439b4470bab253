const PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * PostgreSQL's text of a `timestamptz` (`2026-11-22 11:00:00.5+01`, any offset, as the ISO
 * DateStyle writes it) as `YYYY-MM-DD hh:mm:ss.ffffff` in UTC, microseconds kept: the form the
 * Parquet writer casts to TIMESTAMP. Returns undefined for anything else (`infinity`, BC dates),
 * which no Parquet timestamp can hold.
 *
 * @example
 * ```ts
 * normalizeTimestamp('2026-01-01 10:00:00.123456+02'); // '2026-01-01 08:00:00.123456'
 * ```
 */
export function normalizeTimestamp(text: string): string | undefined {
  const m = PATTERN.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om, os] = m;
  const offsetSeconds = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetSeconds * 1000;
  const t = new Date(ms);
  if (Number.isNaN(ms) || t.getUTCFullYear() < 1 || t.getUTCFullYear() > 9999) return undefined;
  const micros = (frac ?? '').padEnd(6, '0');
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}.${micros}`;
}
